package com.caskr.sync.auth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.auth.connections.ConnectionTokens;
import com.caskr.sync.auth.connections.TokenUnavailable;
import com.caskr.sync.auth.testing.AdminUsers;
import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.testing.PublishedEvents;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.authclient.TokenApiFailure;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection's life after connect: a revoked grant, the status an admin sees, a disconnect, and
 * the {@code auth.connection.changed.v1} events each publishes. PostgreSQL, the broker, the service
 * over HTTP and the emulator, all real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLifecycleIntegrationTest {

  private static final String INGEST_SECRET = "ingest-secret-of-at-least-32-bytes!!";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET = EMULATOR.newOrgWithApp("Lifecycle");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CONNECTION = "/api/integrations/salesforce/connection?companyId=";
  private static final String STATUS = "/api/integrations/salesforce/status?companyId=";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "ingest-service", INGEST_SECRET);
    AdminUsers.register(registry);
  }

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;
  @Autowired private ConnectionTokens tokens;

  private ConnectionRows rows;
  private PublishedEvents events;

  @BeforeEach
  void noConnections() {
    rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
    jdbc.sql("delete from outbox_events").update();
    events = new PublishedEvents(jdbc);
  }

  @Test
  void aRevokedGrantIsAnnouncedShownInTheStatusAndADisconnectFollowsIt() throws Exception {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    connect(7, consent, Instant.now().minus(Duration.ofHours(3)));
    EMULATOR.revoke(consent.get("refresh_token"));

    assertThatThrownBy(() -> tokens.current(7)).isInstanceOf(TokenUnavailable.NeedsReconnect.class);

    events.awaitAllPublished(7);
    List<UUID> written = events.written(7);
    assertThat(written).hasSize(1);
    ConnectionChanged revoked = events.onTheTopic(written).getFirst();
    assertThat(revoked.state()).isEqualTo(ConnectionState.NEEDS_RECONNECT);
    assertThat(revoked.previousState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(revoked.tenant().companyId()).isEqualTo(7);
    assertThat(revoked.tenant().orgId().value()).isEqualTo(TARGET.org().id());
    assertThat(revoked.reason()).contains("invalid_grant");
    assertThat(revoked.toString()).doesNotContain(consent.get("refresh_token"));

    HttpResponse<String> status = send(AdminUsers.as("vera", port, STATUS + 7).GET());
    assertThat(status.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(status.body());
    assertThat(body.get("connected").asBoolean()).isFalse();
    assertThat(body.get("state").asString()).isEqualTo("NEEDS_RECONNECT");
    assertThat(body.get("orgId").asString()).isEqualTo(TARGET.org().id());
    assertThat(body.get("environment").asString()).isEqualTo("PRODUCTION");
    assertThat(body.get("connectedBy").asString()).isEqualTo("admin@kinsale.example");
    assertThat(body.get("lastError").asString()).contains("invalid_grant");
    assertThat(status.body())
        .doesNotContain(consent.get("refresh_token"))
        .doesNotContain(consent.get("access_token"));

    assertThat(send(AdminUsers.as("alice", port, CONNECTION + 7).DELETE()).statusCode())
        .isEqualTo(200);
    events.awaitAllPublished(7);
    List<ConnectionChanged> both = events.onTheTopic(events.written(7));
    assertThat(both)
        .extracting(ConnectionChanged::state)
        .containsExactly(ConnectionState.NEEDS_RECONNECT, ConnectionState.DISCONNECTED);
    assertThat(both.getLast().previousState()).isEqualTo(ConnectionState.NEEDS_RECONNECT);
    assertThat(both.getLast().reason()).isEqualTo("disconnected by an admin");
  }

  @Test
  void disconnectRevokesAtSalesforceWipesTheTokensAndTheCompanyMayConnectAgain() throws Exception {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    connect(9, consent, Instant.now());

    HttpResponse<String> answer = send(AdminUsers.as("alice", port, CONNECTION + 9).DELETE());

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.get("state").asString()).isEqualTo("DISCONNECTED");
    assertThat(body.get("revokedAtSalesforce").asBoolean()).isTrue();
    assertThat(EMULATOR.bean(Tokens.class).liveRefreshToken(consent.get("refresh_token")))
        .as("revoked at Salesforce")
        .isEmpty();
    assertThat(EMULATOR.bean(Tokens.class).liveAccessToken(consent.get("access_token")))
        .as("the refresh token took its access token with it")
        .isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from crm_integrations where company_id = 9"
                        + " and state = 'DISCONNECTED' and disconnected_by = 'alice'"
                        + " and access_token_ciphertext is null"
                        + " and refresh_token_ciphertext is null")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "select actor from crm_integration_audit"
                        + " where company_id = 9 and event_type = 'DISCONNECTED'")
                .query(String.class)
                .list())
        .containsExactly("alice");
    ConnectionTokenClient client = tokenClient();
    assertThatThrownBy(() -> client.token(9)).isInstanceOf(TokenApiFailure.NotConnected.class);
    JsonNode status = JSON.readTree(send(AdminUsers.as("alice", port, STATUS + 9).GET()).body());
    assertThat(status.get("connected").asBoolean()).isFalse();
    assertThat(status.get("state").asString()).isEqualTo("DISCONNECTED");
    assertThat(status.get("disconnectedBy").asString()).isEqualTo("alice");
    assertThat(send(AdminUsers.as("alice", port, CONNECTION + 9).DELETE()).statusCode())
        .as("nothing left to disconnect")
        .isEqualTo(404);
    events.awaitAllPublished(9);
    assertThat(events.onTheTopic(events.written(9)))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.state()).isEqualTo(ConnectionState.DISCONNECTED);
              assertThat(event.previousState()).isEqualTo(ConnectionState.CONNECTED);
            });

    Map<String, String> again = EMULATOR.consent(TARGET);
    connect(9, again, Instant.now());
    assertThat(client.token(9).accessToken()).isEqualTo(again.get("access_token"));
    JsonNode reconnected =
        JSON.readTree(send(AdminUsers.as("alice", port, STATUS + 9).GET()).body());
    assertThat(reconnected.get("connected").asBoolean()).isTrue();
    assertThat(reconnected.get("state").asString()).isEqualTo("CONNECTED");
  }

  @Test
  void aFailedRevocationIsLoggedWithoutTheTokenAndTheTokensAreWipedAllTheSame(CapturedOutput output)
      throws Exception {
    rows.insert(
        9,
        TARGET.org().id(),
        "127.0.0.1:1",
        "CONNECTED",
        "access-9-secret",
        "refresh-9-secret",
        Instant.now());

    HttpResponse<String> answer = send(AdminUsers.as("root", port, CONNECTION + 9).DELETE());

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.get("revokedAtSalesforce").asBoolean()).isFalse();
    assertThat(body.get("revocationError").asString()).contains("unreachable");
    assertThat(
            jdbc.sql(
                    "select count(*) from crm_integrations where company_id = 9"
                        + " and access_token_ciphertext is null"
                        + " and refresh_token_ciphertext is null")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(output.getAll())
        .contains("did not confirm revoking")
        .doesNotContain("refresh-9-secret")
        .doesNotContain("access-9-secret");
  }

  @Test
  void onlyAnAdminOfTheCompanyMayDisconnect() throws Exception {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    connect(7, consent, Instant.now());

    assertThat(send(AdminUsers.as("vera", port, CONNECTION + 7).DELETE()).statusCode())
        .isEqualTo(403);
    assertThat(send(AdminUsers.as("olly", port, CONNECTION + 7).DELETE()).statusCode())
        .isEqualTo(403);
    assertThat(send(AdminUsers.as("bob", port, CONNECTION + 7).DELETE()).statusCode())
        .as("an admin of another company")
        .isEqualTo(403);
    assertThat(
            send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CONNECTION + 7))
                    .DELETE())
                .statusCode())
        .as("anonymous: refused by the CSRF check or the sign-in")
        .isIn(401, 403);
    assertThat(rows.state(7)).isEqualTo("CONNECTED");
    assertThat(EMULATOR.bean(Tokens.class).liveRefreshToken(consent.get("refresh_token")))
        .isPresent();
  }

  @Test
  void theStatusIsVisibleToTheCompanysUsersOnly() throws Exception {
    connect(7, EMULATOR.consent(TARGET), Instant.now());

    HttpResponse<String> viewer = send(AdminUsers.as("vera", port, STATUS + 7).GET());
    assertThat(viewer.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(viewer.body());
    assertThat(body.get("connected").asBoolean()).isTrue();
    assertThat(body.get("state").asString()).isEqualTo("CONNECTED");
    assertThat(body.get("instanceUrl").asString()).isEqualTo(EMULATOR.baseUrl());
    assertThat(body.get("authFlow").asString()).isEqualTo("WEB_SERVER");
    assertThat(body.get("lastError").isNull()).isTrue();

    assertThat(send(AdminUsers.as("bob", port, STATUS + 7).GET()).statusCode()).isEqualTo(403);
    assertThat(send(AdminUsers.as("vera", port, STATUS + 8).GET()).statusCode()).isEqualTo(403);
    assertThat(
            send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + STATUS + 7)).GET())
                .statusCode())
        .isEqualTo(401);
    JsonNode never = JSON.readTree(send(AdminUsers.as("root", port, STATUS + 4242).GET()).body());
    assertThat(never.get("connected").asBoolean()).isFalse();
    assertThat(never.get("state").asString()).isEqualTo("NOT_CONNECTED");
  }

  private void connect(long companyId, Map<String, String> consent, Instant issuedAt) {
    rows.insert(
        companyId,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        consent.get("access_token"),
        consent.get("refresh_token"),
        issuedAt);
  }

  private ConnectionTokenClient tokenClient() {
    return new ConnectionTokenClient(
        HTTP,
        URI.create("http://127.0.0.1:" + port),
        new ServiceCredentials("ingest-service", INGEST_SECRET, Clock.systemUTC()),
        Duration.ofSeconds(60));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
