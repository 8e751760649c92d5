package com.caskr.sync.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller of the running emulator over real HTTP, as one bearer token (or none): the one HTTP
 * helper of the emulator's tests. {@link #admin(int)} calls the {@code /emulator/**} admin API with
 * the tests' admin token ({@value #ADMIN_TOKEN}, set as {@code emulator.admin.token}).
 */
public class Api {

  /** The admin token the tests set as {@code emulator.admin.token}. */
  public static final String ADMIN_TOKEN = "test-admin-token";

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;
  private final String token;
  private final String[] headers;

  /**
   * A caller sending {@code Authorization: Bearer token} (nothing when {@code token} is null) and
   * the given header name/value pairs.
   */
  public Api(int port, String token, String... headers) {
    this.port = port;
    this.token = token;
    this.headers = headers;
  }

  /** A caller of the admin API, with the tests' admin token. */
  public static Api admin(int port) {
    return new Api(port, ADMIN_TOKEN);
  }

  /** This caller with more header name/value pairs. */
  public Api withHeaders(String... more) {
    var all = new String[headers.length + more.length];
    System.arraycopy(headers, 0, all, 0, headers.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return new Api(port, token, all);
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  public HttpResponse<String> post(String path, String body) {
    return send("POST", path, body);
  }

  public HttpResponse<String> patch(String path, String body) {
    return send("PATCH", path, body);
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, null);
  }

  /** Sends {@code body} (JSON; none when null) to {@code path} on the emulator. */
  public HttpResponse<String> send(String method, String path, String body) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  public static String q(String soql) {
    return URLEncoder.encode(soql, StandardCharsets.UTF_8);
  }
}
