package com.caskr.sync.auth.tokenapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The internal token API over HTTP, with PostgreSQL and the emulator's token endpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class TokenApiIntegrationTest {

  static final String INGEST_SECRET = "ingest-secret-of-at-least-32-bytes!!";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET = EMULATOR.newOrgWithApp("Token API test");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "ingest-service", INGEST_SECRET);
  }

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;
  @Autowired private MeterRegistry meters;

  private final ServiceCredentials ingest =
      new ServiceCredentials("ingest-service", INGEST_SECRET, Clock.systemUTC());
  private ConnectionRows rows;

  @BeforeEach
  void noConnections() {
    rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
  }

  @Test
  void handsOutAFreshTokenThatNoCacheMayKeep() throws Exception {
    Instant issued = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    rows.insert(
        7, "00D000000000007", "kinsale.my.salesforce.com", "CONNECTED", "access-7", "r-7", issued);

    HttpResponse<String> response = get(7, ingest.mint(7));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("accessToken").asString()).isEqualTo("access-7");
    assertThat(body.get("instanceUrl").asString()).isEqualTo("http://kinsale.my.salesforce.com");
    assertThat(body.get("orgId").asString()).isEqualTo(SalesforceId.of("00D000000000007").value());
    assertThat(Instant.parse(body.get("issuedAt").asString())).isEqualTo(issued);
  }

  @Test
  void refusesCallersWithoutAValidCredentialAndTellsThemNothing() throws Exception {
    rows.insert(
        7,
        "00D000000000007",
        "kinsale.my.salesforce.com",
        "CONNECTED",
        "access-7",
        "r-7",
        Instant.now());
    ServiceCredentials forged =
        new ServiceCredentials(
            "ingest-service", "another-secret-of-at-least-32-bytes!", Clock.systemUTC());
    ServiceCredentials unknown =
        new ServiceCredentials("mapping-service", INGEST_SECRET, Clock.systemUTC());

    for (String credential : new String[] {null, "not-a-jwt", forged.mint(7), unknown.mint(7)}) {
      HttpResponse<String> response = get(7, credential);
      assertThat(response.statusCode()).as(String.valueOf(credential)).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(response.body()).doesNotContain("access-7").contains("\"error\"");
    }
  }

  @Test
  void aCredentialForAnotherCompanyIsForbidden() throws Exception {
    rows.insert(
        7,
        "00D000000000007",
        "kinsale.my.salesforce.com",
        "CONNECTED",
        "access-7",
        "r-7",
        Instant.now());

    HttpResponse<String> response = get(7, ingest.mint(8));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("access-7");
  }

  @Test
  void answersNotConnectedAndNeedsReconnectWithTheirOwnStatus() throws Exception {
    rows.insert(
        9,
        "00D000000000009",
        "kinsale.my.salesforce.com",
        "NEEDS_RECONNECT",
        "access-9",
        "r-9",
        Instant.now());

    HttpResponse<String> missing = get(8, ingest.mint(8));
    HttpResponse<String> reconnect = get(9, ingest.mint(9));

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("error").asString())
        .contains("no Salesforce connection");
    assertThat(reconnect.statusCode()).isEqualTo(409);
    assertThat(reconnect.body()).contains("reconnect").doesNotContain("access-9");
  }

  @Test
  void refreshesAStaleTokenAtSalesforceBeforeHandingItOut() throws Exception {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    rows.insert(
        11,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        consent.get("access_token"),
        consent.get("refresh_token"),
        Instant.now().minus(Duration.ofHours(3)));
    double before = refreshes("refreshed");

    HttpResponse<String> response = get(11, ingest.mint(11));

    assertThat(response.statusCode()).isEqualTo(200);
    String token = JSON.readTree(response.body()).get("accessToken").asString();
    assertThat(token).isNotEqualTo(consent.get("access_token"));
    assertThat(EMULATOR.bean(Tokens.class).liveAccessToken(token)).isPresent();
    assertThat(rows.auditCount(11, "TOKEN_REFRESHED")).isEqualTo(1);
    assertThat(refreshes("refreshed")).isEqualTo(before + 1);
    assertThat(get(11, ingest.mint(11)).body()).as("now fresh: no second refresh").contains(token);
    assertThat(rows.auditCount(11, "TOKEN_REFRESHED")).isEqualTo(1);
  }

  @Test
  void replacesARejectedTokenOnceEvenWhenAskedTwice() throws Exception {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    Instant issued = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    rows.insert(
        12,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        consent.get("access_token"),
        consent.get("refresh_token"),
        issued);

    HttpResponse<String> first = refresh(12, ingest.mint(12), issued);
    HttpResponse<String> second = refresh(12, ingest.mint(12), issued);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
    String replacement = JSON.readTree(first.body()).get("accessToken").asString();
    assertThat(replacement).isNotEqualTo(consent.get("access_token"));
    assertThat(JSON.readTree(second.body()).get("accessToken").asString()).isEqualTo(replacement);
    assertThat(rows.auditCount(12, "TOKEN_REFRESHED")).isEqualTo(1);
    assertThat(refresh(12, ingest.mint(13), issued).statusCode()).isEqualTo(403);
  }

  @Test
  void aRevokedGrantMeansReconnectAndAnUnreachableSalesforceMeansTryLater() throws Exception {
    Map<String, String> consent = EMULATOR.consent(TARGET);
    EMULATOR.revoke(consent.get("refresh_token"));
    Instant stale = Instant.now().minus(Duration.ofHours(3));
    rows.insert(
        13,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        "a-13",
        consent.get("refresh_token"),
        stale);
    rows.insert(14, "00D000000000014", "127.0.0.1:1", "CONNECTED", "a-14", "r-14", stale);
    double revokedBefore = refreshes("revoked");
    double failedBefore = refreshes("failed");

    HttpResponse<String> revoked = get(13, ingest.mint(13));
    HttpResponse<String> unreachable = get(14, ingest.mint(14));

    assertThat(revoked.statusCode()).isEqualTo(409);
    assertThat(rows.state(13)).isEqualTo("NEEDS_RECONNECT");
    assertThat(rows.auditCount(13, "NEEDS_RECONNECT")).isEqualTo(1);
    assertThat(refreshes("revoked")).isEqualTo(revokedBefore + 1);
    assertThat(unreachable.statusCode()).isEqualTo(503);
    assertThat(unreachable.body()).contains("unreachable").doesNotContain("r-14");
    assertThat(rows.state(14)).isEqualTo("CONNECTED");
    assertThat(rows.auditCount(14, "REFRESH_FAILED")).isEqualTo(1);
    assertThat(refreshes("failed")).isEqualTo(failedBefore + 1);
  }

  @Test
  void aRefreshWithoutTheRejectedTokensIssueTimeIsABadRequest() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri(7, "/refresh"))
                .header("Authorization", "Bearer " + ingest.mint(7))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("rejectedIssuedAt");
  }

  private double refreshes(String outcome) {
    return meters.get("crm_oauth_token_refreshes_total").tag("outcome", outcome).counter().count();
  }

  private HttpResponse<String> get(long companyId, String credential) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(companyId, "")).GET();
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> refresh(long companyId, String credential, Instant rejected)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(companyId, "/refresh"))
            .header("Authorization", "Bearer " + credential)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString("{\"rejectedIssuedAt\":\"" + rejected + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(long companyId, String suffix) {
    return URI.create(
        "http://127.0.0.1:" + port + "/internal/connections/" + companyId + "/token" + suffix);
  }
}
