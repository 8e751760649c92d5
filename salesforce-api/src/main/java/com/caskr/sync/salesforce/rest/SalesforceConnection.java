package com.caskr.sync.salesforce.rest;

import com.caskr.sync.salesforce.errors.ApiError;
import com.caskr.sync.salesforce.errors.ConnectionFailed;
import com.caskr.sync.salesforce.errors.SalesforceErrors;
import com.caskr.sync.salesforce.errors.SalesforceException;
import com.caskr.sync.salesforce.errors.SessionExpired;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.salesforce.limits.ApiUsage;
import com.caskr.sync.salesforce.limits.ApiUsageTracker;
import com.caskr.sync.salesforce.oauth.Session;
import com.caskr.sync.salesforce.oauth.TokenSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One authenticated line to an org's REST API, shared by the REST and Bulk clients: every request
 * carries {@code Authorization: Bearer}, {@code Sforce-Call-Options: client=…} (so CDC can tell our
 * own writes, gotcha 14) and {@code Accept}; every response's {@code Sforce-Limit-Info} updates
 * {@link #apiUsage()}; a 401 makes the {@link TokenSource} refresh once and the request go once
 * more (gotcha 1); refusals become {@link SalesforceException}s. Thread-safe.
 */
public final class SalesforceConnection {

  /** The API version used unless another is chosen. */
  public static final String DEFAULT_API_VERSION = "62.0";

  /** The default {@code Sforce-Call-Options} client: the write-back tag CDC consumers filter. */
  public static final String DEFAULT_CLIENT = "caskr-sync";

  /** Longer request URIs get 414 from Salesforce; we refuse them before sending. */
  public static final int MAX_URI_LENGTH = 16_384;

  private static final Pattern VERSION = Pattern.compile("\\d{2}\\.0");
  private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9_.\\-]{1,40}");
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final HttpClient http;
  private final TokenSource tokens;
  private final String apiVersion;
  private final String client;
  private final Clock clock;
  private final ApiUsageTracker usage = new ApiUsageTracker();

  /**
   * @param apiVersion e.g. {@code 62.0}
   * @param client the {@code Sforce-Call-Options} client name (letters, digits, {@code _.-})
   */
  public SalesforceConnection(
      HttpClient http, TokenSource tokens, String apiVersion, String client, Clock clock) {
    if (apiVersion == null || !VERSION.matcher(apiVersion).matches()) {
      throw new IllegalArgumentException("An API version looks like 62.0: " + apiVersion);
    }
    if (client == null || !CLIENT.matcher(client).matches()) {
      throw new IllegalArgumentException("A call-options client is 1-40 of [A-Za-z0-9_.-]");
    }
    this.http = http;
    this.tokens = tokens;
    this.apiVersion = apiVersion;
    this.client = client;
    this.clock = clock;
  }

  /** API {@value #DEFAULT_API_VERSION}, client {@value #DEFAULT_CLIENT}. */
  public static SalesforceConnection create(HttpClient http, TokenSource tokens) {
    return new SalesforceConnection(
        http, tokens, DEFAULT_API_VERSION, DEFAULT_CLIENT, Clock.systemUTC());
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The latest {@code Sforce-Limit-Info} any response carried; empty before the first. */
  public Optional<ApiUsage> apiUsage() {
    return usage.latest();
  }

  /** {@code /services/data/v<version><rest>}. */
  public String dataPath(String rest) {
    return dataPath(apiVersion, rest);
  }

  /** The same under another version (a Bulk job's results must use the job's own). */
  public String dataPath(String version, String rest) {
    return "/services/data/v" + version + rest;
  }

  /**
   * Sends a request and returns the response when its status is below 400.
   *
   * @param path a path (and query) on the instance, e.g. from {@link #dataPath} or a {@code
   *     nextRecordsUrl}
   * @param body JSON, or null
   */
  public HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) {
    HttpResponse<String> response =
        withSession(method, path, body, headers, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw SalesforceErrors.of(response.statusCode(), response.body());
    }
    return response;
  }

  /** As {@link #send}, with the body as a stream the caller must close (large CSV pages). */
  public HttpResponse<InputStream> stream(String path, Map<String, String> headers) {
    HttpResponse<InputStream> response =
        withSession("GET", path, null, headers, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() >= 400) {
      String text;
      try (InputStream in = response.body()) {
        text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "";
      }
      throw SalesforceErrors.of(response.statusCode(), text);
    }
    return response;
  }

  private <T> HttpResponse<T> withSession(
      String method,
      String path,
      String body,
      Map<String, String> headers,
      HttpResponse.BodyHandler<T> handler) {
    Session session = tokens.session();
    HttpResponse<T> response = exchange(session, method, path, body, headers, handler);
    if (response.statusCode() != 401) {
      return response;
    }
    List<ApiError> rejected =
        response.body() instanceof String text ? SalesforceErrors.parse(text) : List.of();
    discard(response);
    Session fresh;
    try {
      fresh = tokens.refresh(session);
    } catch (TokenRequestFailed e) {
      var expired = new SessionExpired(401, rejected);
      expired.addSuppressed(e);
      throw expired;
    }
    return exchange(fresh, method, path, body, headers, handler);
  }

  private <T> HttpResponse<T> exchange(
      Session session,
      String method,
      String path,
      String body,
      Map<String, String> headers,
      HttpResponse.BodyHandler<T> handler) {
    URI uri = uri(session, path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + session.accessToken())
            .header("Sforce-Call-Options", "client=" + client)
            .header("Accept", "application/json");
    headers.forEach(request::setHeader);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<T> response = http.send(request.build(), handler);
      usage.observe(
          response.headers().firstValue("Sforce-Limit-Info").orElse(null), clock.instant());
      return response;
    } catch (IOException e) {
      throw new ConnectionFailed(method + " " + uri.getPath(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionFailed(method + " " + uri.getPath(), new IOException("interrupted", e));
    }
  }

  private static URI uri(Session session, String path) {
    if (!path.startsWith("/services/")) {
      throw new IllegalArgumentException("Not an API path on the instance: " + path);
    }
    String base = session.instanceUrl().toString();
    String full = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    if (full.length() > MAX_URI_LENGTH) {
      throw new IllegalArgumentException(
          "The request URI has "
              + full.length()
              + " characters; Salesforce answers 414 above about "
              + MAX_URI_LENGTH
              + ". Shorten the SOQL (split long IN lists) or use a Bulk 2.0 query, whose SOQL"
              + " travels in the body");
    }
    return URI.create(full);
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException e) {
        // Nothing to keep from a refused body.
      }
    }
  }
}
