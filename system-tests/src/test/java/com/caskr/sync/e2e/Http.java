package com.caskr.sync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP as a browser or a client sees it: no redirects followed, JSON and forms. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Http() {}

  static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends and expects a 2xx answer; the body as JSON (null for an empty body). */
  static JsonNode json(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          built.method()
              + " "
              + built.uri()
              + " → "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body().isBlank() ? null : JSON.readTree(response.body());
  }

  static HttpRequest.BodyPublisher jsonBody(Object body) {
    return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
  }

  static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        fields.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&")));
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return query;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
    }
    return query;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
