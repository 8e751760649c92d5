package com.caskr.sync.auth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An admin talking to auth-service over HTTP like a browser would: HTTP Basic on each request and
 * the session cookie the service set, kept between requests. Redirects are not followed.
 */
public final class AdminSession {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final int port;
  private final String authorization;
  private String cookie;

  private AdminSession(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  /** {@code username} of {@link AdminUsers}, signed in with Basic. */
  public static AdminSession of(int port, String username) {
    return new AdminSession(port, AdminUsers.basic(username));
  }

  /** Nobody signed in. */
  public static AdminSession anonymous(int port) {
    return new AdminSession(port, null);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET());
  }

  /** Follows a callback URL Salesforce sent the browser to (it names this service's host). */
  public HttpResponse<String> get(URI url) {
    return send(request(url).GET());
  }

  public HttpResponse<String> post(String pathAndQuery) {
    return send(
        request(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Starts the connect flow; the authorize URL the service redirects to. */
  public URI connect(long companyId, String environmentQuery) {
    HttpResponse<String> response =
        get(
            "/api/integrations/salesforce/connect?companyId="
                + companyId
                + "&environment="
                + environmentQuery);
    if (response.statusCode() != 302) {
      throw new AssertionError(
          "connect answered " + response.statusCode() + ": " + response.body());
    }
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  private HttpRequest.Builder request(URI url) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (cookie != null) {
      builder.header("Cookie", cookie);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      response.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("CASKR_AUTH_SESSION="))
          .findFirst()
          .ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
