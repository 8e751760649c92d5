package com.caskr.sync.auth.tokenapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.authclient.ConnectionToken;
import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.authclient.TokenApiFailure;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** auth-client's {@link ConnectionTokenClient} against this service's real endpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class ConnectionTokenClientIntegrationTest {

  private static final String WRITEBACK_SECRET = "writeback-secret-of-at-least-32-bytes";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET = EMULATOR.newOrgWithApp("Token client test");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "writeback-service", WRITEBACK_SECRET);
  }

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  private ConnectionRows rows;
  private ConnectionTokenClient client;

  @BeforeEach
  void clientAndNoConnections() {
    rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
    client = client(WRITEBACK_SECRET);
  }

  private ConnectionTokenClient client(String secret) {
    return new ConnectionTokenClient(
        HTTP,
        URI.create("http://127.0.0.1:" + port + "/"),
        new ServiceCredentials("writeback-service", secret, Clock.systemUTC()),
        Duration.ofSeconds(60));
  }

  @Test
  void fetchesTheTokenAndAReplacementAfterARejection() {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    Instant issued = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    rows.insert(
        21,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        consent.get("access_token"),
        consent.get("refresh_token"),
        issued);

    ConnectionToken current = client.token(21);
    ConnectionToken replacement = client.refreshAfterRejection(21, current.issuedAt());

    assertThat(current.accessToken()).isEqualTo(consent.get("access_token"));
    assertThat(current.issuedAt()).isEqualTo(issued);
    assertThat(current.instanceUrl()).isEqualTo(URI.create(EMULATOR.baseUrl()));
    assertThat(replacement.accessToken()).isNotEqualTo(current.accessToken());
    assertThat(replacement.issuedAt()).isAfter(issued);
    assertThat(replacement.toString()).doesNotContain(replacement.accessToken());
    assertThat(client.token(21).accessToken()).isEqualTo(replacement.accessToken());
  }

  @Test
  void turnsEachRefusalIntoItsOwnFailure() {
    Instant now = Instant.now();
    rows.insert(
        22, "00D000000000022", "kinsale.my.salesforce.com", "NEEDS_RECONNECT", "a-22", "r-22", now);
    rows.insert(
        23,
        "00D000000000023",
        "127.0.0.1:1",
        "CONNECTED",
        "a-23",
        "r-23",
        now.minus(Duration.ofHours(3)));

    assertThatThrownBy(() -> client.token(24))
        .isInstanceOf(TokenApiFailure.NotConnected.class)
        .hasMessageContaining("no Salesforce connection");
    assertThatThrownBy(() -> client.token(22))
        .isInstanceOf(TokenApiFailure.NeedsReconnect.class)
        .hasMessageNotContaining("a-22");
    assertThatThrownBy(() -> client.token(23))
        .isInstanceOf(TokenApiFailure.Unavailable.class)
        .satisfies(e -> assertThat(((TokenApiFailure) e).status()).isEqualTo(503));
    assertThatThrownBy(() -> client("a-wrong-secret-of-at-least-32-bytes!!").token(22))
        .isInstanceOf(TokenApiFailure.CallerRefused.class)
        .satisfies(e -> assertThat(((TokenApiFailure) e).status()).isEqualTo(401));
  }

  @Test
  void aServiceThatIsDownIsUnavailable() {
    ConnectionTokenClient nowhere =
        new ConnectionTokenClient(
            HTTP,
            URI.create("http://127.0.0.1:1"),
            new ServiceCredentials("writeback-service", WRITEBACK_SECRET, Clock.systemUTC()),
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> nowhere.token(21))
        .isInstanceOf(TokenApiFailure.Unavailable.class)
        .satisfies(e -> assertThat(((TokenApiFailure) e).status()).isZero());
  }
}
