package com.caskr.sync.authclient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls auth-service's internal token API for ingest-service and writeback-service: a company's
 * current Salesforce token, and a replacement after Salesforce answered 401. Every request carries
 * a freshly minted {@link ServiceCredentials credential} for exactly that company. Thread-safe.
 */
public final class ConnectionTokenClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final URI baseUrl;
  private final ServiceCredentials credentials;
  private final Duration timeout;

  /**
   * @param baseUrl auth-service, e.g. {@code http://auth-service:8081}
   * @param timeout per request; a refresh may wait for Salesforce's retries, so allow a minute or
   *     more
   */
  public ConnectionTokenClient(
      HttpClient http, URI baseUrl, ServiceCredentials credentials, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    String text = Objects.requireNonNull(baseUrl, "baseUrl").toString();
    this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The company's current token (refreshed by auth-service first if it is about to expire). */
  public ConnectionToken token(long companyId) {
    return send(request(companyId, "").GET().build());
  }

  /** A replacement for the token issued at {@code rejectedIssuedAt} that Salesforce refused. */
  public ConnectionToken refreshAfterRejection(long companyId, Instant rejectedIssuedAt) {
    Objects.requireNonNull(rejectedIssuedAt, "rejectedIssuedAt");
    String body = JSON.writeValueAsString(Map.of("rejectedIssuedAt", rejectedIssuedAt.toString()));
    return send(
        request(companyId, "/refresh")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpRequest.Builder request(long companyId, String suffix) {
    return HttpRequest.newBuilder(
            URI.create(baseUrl + "/internal/connections/" + companyId + "/token" + suffix))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + credentials.mint(companyId));
  }

  private ConnectionToken send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenApiFailure.Unavailable(0, "auth-service did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenApiFailure.Unavailable(0, "interrupted while waiting for auth-service", e);
    }
    int status = response.statusCode();
    if (status == 200) {
      return token(response.body());
    }
    String error = "auth-service answered " + status + ": " + error(response.body());
    throw switch (status) {
      case 401, 403 -> new TokenApiFailure.CallerRefused(status, error);
      case 404 -> new TokenApiFailure.NotConnected(error);
      case 409 -> new TokenApiFailure.NeedsReconnect(error);
      default -> new TokenApiFailure.Unavailable(status, error, null);
    };
  }

  private static ConnectionToken token(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      return new ConnectionToken(
          json.get("accessToken").asString(),
          URI.create(json.get("instanceUrl").asString()),
          json.get("orgId").asString(),
          Instant.parse(json.get("issuedAt").asString()));
    } catch (RuntimeException e) {
      // Unparseable JSON, a missing field or a bad value; the body holds a token, so it stays out
      // of the message.
      throw new TokenApiFailure.Unavailable(
          200, "auth-service sent an unreadable token body", null);
    }
  }

  private static String error(String body) {
    try {
      JsonNode error = JSON.readTree(body).get("error");
      return error == null || !error.isString() ? "no error text" : error.asString();
    } catch (JacksonException e) {
      return "no error text";
    }
  }
}
