package com.caskr.sync.auth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.authclient.ConnectionToken;
import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.authclient.TokenApiFailure;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A stale connection, many callers at once, then a revoked grant: PostgreSQL, the service over
 * HTTP, auth-client, and the emulator's token endpoint, all real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class TokenHandoutEndToEndIntegrationTest {

  private static final String INGEST_SECRET = "ingest-secret-of-at-least-32-bytes!!";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET = EMULATOR.newOrgWithApp("End to end");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int CALLERS = 50;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "ingest-service", INGEST_SECRET);
  }

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  @Test
  void fiftyCallersShareOneRefreshAndARevokedGrantNeedsAReconnect() throws Exception {
    EMULATOR.save(TARGET.app().withRefreshTokenRotation(true));
    Map<String, String> consent = EMULATOR.consent(TARGET);
    ConnectionRows rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
    rows.insert(
        7,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        consent.get("access_token"),
        consent.get("refresh_token"),
        Instant.now().minus(Duration.ofHours(3)));
    ServiceCredentials ingest =
        new ServiceCredentials("ingest-service", INGEST_SECRET, Clock.systemUTC());
    ConnectionTokenClient client =
        new ConnectionTokenClient(
            HTTP, URI.create("http://127.0.0.1:" + port), ingest, Duration.ofSeconds(120));

    List<ConnectionToken> tokens = concurrently(() -> client.token(7));

    assertThat(tokens).hasSize(CALLERS);
    assertThat(tokens.stream().map(ConnectionToken::accessToken).distinct()).hasSize(1);
    String fresh = tokens.getFirst().accessToken();
    assertThat(fresh).isNotEqualTo(consent.get("access_token"));
    assertThat(EMULATOR.bean(Tokens.class).liveAccessToken(fresh)).isPresent();
    assertThat(rows.auditCount(7, "TOKEN_REFRESHED")).as("one refresh at Salesforce").isEqualTo(1);
    assertThat(EMULATOR.bean(Tokens.class).liveRefreshToken(consent.get("refresh_token")))
        .as("rotated once: the consented refresh token is spent")
        .isEmpty();

    HttpResponse<String> foreign =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/internal/connections/7/token"))
                .header("Authorization", "Bearer " + ingest.mint(8))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).doesNotContain(fresh);

    String rotated = rows.refreshToken(7);
    assertThat(rotated).isNotEqualTo(consent.get("refresh_token"));
    EMULATOR.revoke(rotated);
    assertThatThrownBy(() -> client.refreshAfterRejection(7, tokens.getFirst().issuedAt()))
        .isInstanceOf(TokenApiFailure.NeedsReconnect.class);
    assertThat(rows.state(7)).isEqualTo("NEEDS_RECONNECT");
    assertThat(rows.auditCount(7, "NEEDS_RECONNECT")).isEqualTo(1);
    assertThatThrownBy(() -> client.token(7)).isInstanceOf(TokenApiFailure.NeedsReconnect.class);
  }

  private static List<ConnectionToken> concurrently(
      java.util.concurrent.Callable<ConnectionToken> call) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ConnectionToken>> futures = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        futures.add(
            callers.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<ConnectionToken> results = new ArrayList<>();
      for (Future<ConnectionToken> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      callers.shutdownNow();
    }
  }
}
