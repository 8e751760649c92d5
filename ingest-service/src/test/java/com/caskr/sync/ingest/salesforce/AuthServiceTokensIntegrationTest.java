package com.caskr.sync.ingest.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentialVerifier;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.authclient.TokenApiFailure;
import com.caskr.sync.schema.SalesforceId;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthServiceTokens} against a small HTTP endpoint that speaks auth-service's internal token
 * API contract and checks credentials with auth-client's real {@link ServiceCredentialVerifier}.
 */
class AuthServiceTokensIntegrationTest {

  private static final String SECRET = "ingest-service-secret-of-at-least-32-bytes";
  private static final String ORG = "00D5g000004ABCDEA4";
  private static final Pattern PATH =
      Pattern.compile("/internal/connections/(\\d+)/token(/refresh)?");
  private static final Instant FIRST = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant SECOND = Instant.parse("2026-11-22T09:05:00Z");

  private final ServiceCredentialVerifier verifier =
      new ServiceCredentialVerifier(Map.of("ingest-service", SECRET), Clock.systemUTC());
  private final List<String> refreshBodies = new CopyOnWriteArrayList<>();
  private final HttpServer server = tokenApi();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void drawsTheCompanysTokenAndItsReplacement() {
    OrgTokens tokens = tokens(SECRET);

    OrgToken current = tokens.current(42);
    OrgToken replacement = tokens.refresh(42, current);

    assertThat(current.accessToken()).isEqualTo("token-42-first");
    assertThat(current.orgId()).isEqualTo(SalesforceId.of(ORG));
    assertThat(current.issuedAt()).isEqualTo(FIRST);
    assertThat(current.toString()).doesNotContain("token-42");
    assertThat(replacement.accessToken()).isEqualTo("token-42-second");
    assertThat(refreshBodies).containsExactly("{\"rejectedIssuedAt\":\"" + FIRST + "\"}");
  }

  @Test
  void aWrongSecretIsRefusedByTheVerifier() {
    OrgTokens tokens = tokens("another-secret-that-is-also-32-bytes-long");

    assertThatThrownBy(() -> tokens.current(42)).isInstanceOf(TokenApiFailure.CallerRefused.class);
  }

  @Test
  void aCompanyWithoutConnectionIsNotConnected() {
    assertThatThrownBy(() -> tokens(SECRET).current(404))
        .isInstanceOf(TokenApiFailure.NotConnected.class);
  }

  private OrgTokens tokens(String secret) {
    return new AuthServiceTokens(
        new ConnectionTokenClient(
            HttpClient.newHttpClient(),
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            new ServiceCredentials("ingest-service", secret, Clock.systemUTC()),
            Duration.ofSeconds(10)));
  }

  private HttpServer tokenApi() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/internal/connections/", this::answer);
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
      if (!path.matches()) {
        send(exchange, 404, "{\"error\":\"no such path\"}");
        return;
      }
      long companyId = Long.parseLong(path.group(1));
      boolean refresh = path.group(2) != null;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      try {
        verifier.verify(authorization.substring("Bearer ".length()), companyId);
      } catch (ServiceCredentialVerifier.Refused refused) {
        send(exchange, refused.forbidden() ? 403 : 401, "{\"error\":\"refused\"}");
        return;
      }
      if (companyId == 404) {
        send(exchange, 404, "{\"error\":\"company 404 has no Salesforce connection\"}");
        return;
      }
      if (refresh) {
        refreshBodies.add(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      send(
          exchange,
          200,
          """
          {"accessToken":"token-%d-%s","instanceUrl":"https://kinsale.my.salesforce.com",\
          "orgId":"%s","issuedAt":"%s"}"""
              .formatted(companyId, refresh ? "second" : "first", ORG, refresh ? SECOND : FIRST));
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
