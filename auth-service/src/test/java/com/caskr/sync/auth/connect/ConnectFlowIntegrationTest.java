package com.caskr.sync.auth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.AdminSession;
import com.caskr.sync.auth.testing.AdminUsers;
import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.testing.FreePort;
import com.caskr.sync.auth.testing.TokenApiCalls;
import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connect flow over HTTP with PostgreSQL and the emulator's OAuth endpoints: the admin's side
 * is plain HTTP with Basic and the session cookie, Salesforce's consent is minted at the emulator
 * (the Chromium test clicks through the real pages).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@UsesTestInfrastructure
class ConnectFlowIntegrationTest {

  private static final String CALLER_SECRET = "ingest-secret-of-at-least-32-bytes!!";
  private static final int PORT = FreePort.find();
  private static final String CALLBACK =
      "http://127.0.0.1:" + PORT + "/api/integrations/salesforce/callback";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET =
      EMULATOR.newOrgWithApp("Connect flow test", false, CALLBACK);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "ingest-service", CALLER_SECRET);
    AdminUsers.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add("auth.salesforce.redirect-uri", () -> CALLBACK);
    registry.add("auth.salesforce.login.production", EMULATOR::baseUrl);
    registry.add("auth.salesforce.login.sandbox", () -> EMULATOR.baseUrl() + "/sandbox");
  }

  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  private ConnectionRows rows;
  private AdminSession ada;

  @BeforeEach
  void noConnectionsAndAdaSignedIn() {
    rows = new ConnectionRows(jdbc, vault);
    rows.deleteAll();
    jdbc.sql("delete from oauth_authorization_requests").update();
    ada = AdminSession.of(PORT, "ada");
  }

  @Test
  void anAdminConnectsTheOrgWithEverythingTheConnectionNeeds() {
    Instant started = Instant.now();
    URI authorize = ada.connect(7, "PRODUCTION");

    assertThat(authorize.toString())
        .startsWith(EMULATOR.baseUrl() + "/services/oauth2/authorize?")
        .contains("code_challenge=")
        .contains("client_id=" + TARGET.app().clientId());
    Map<String, String> query = query(authorize);
    assertThat(query.get("redirect_uri")).isEqualTo(CALLBACK);
    assertThat(java.util.Base64.getUrlDecoder().decode(query.get("state"))).hasSize(32);
    assertThat(pendingWithState(query.get("state")))
        .as("only the state's hash is stored")
        .isEqualTo(1);

    HttpResponse<String> page = ada.get(EMULATOR.approve(authorize, TARGET));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    String orgId = SalesforceId.of(TARGET.org().id()).value();
    assertThat(page.body()).contains("id=\"connected\"").contains(orgId).contains("PRODUCTION");
    String access = rows.accessToken(7);
    assertThat(page.body()).doesNotContain(access).doesNotContain(rows.refreshToken(7));

    var row =
        jdbc.sql(
                """
                select org_id, salesforce_user_id, instance_url, login_host, environment, state,
                       auth_flow, array_to_string(granted_scopes, ' ') as scopes, connected_by,
                       connected_at
                  from crm_integrations where company_id = 7
                """)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("org_id", orgId)
        .containsEntry(
            "salesforce_user_id", TARGET.org().userIdByUsername(TARGET.username()).orElseThrow())
        .containsEntry("instance_url", EMULATOR.baseUrl())
        .containsEntry("login_host", EMULATOR.loginHost())
        .containsEntry("environment", "PRODUCTION")
        .containsEntry("state", "CONNECTED")
        .containsEntry("auth_flow", "WEB_SERVER")
        .containsEntry("connected_by", "ada");
    assertThat((String) row.get("scopes")).contains("api").contains("refresh_token");
    assertThat(row.get("connected_at")).isNotNull();
    // Gotcha 3: issued_at comes as epoch milliseconds in a string; stored as a timestamp.
    Instant issuedAt =
        jdbc.sql("select token_issued_at from crm_integrations where company_id = 7")
            .query(java.time.OffsetDateTime.class)
            .single()
            .toInstant();
    assertThat(issuedAt).isBetween(started.minusSeconds(600), Instant.now().plusSeconds(600));
    assertThat(rows.auditCount(7, "CONNECTED")).isEqualTo(1);
    assertThat(tokenFromTheTokenApi(7)).isEqualTo(access);
  }

  @Test
  void reconnectingTheSameOrgReplacesTheTokensAndTheOldOnesAreNoLongerHandedOut() {
    assertThat(ada.get(EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET)).statusCode())
        .isEqualTo(200);
    String first = tokenFromTheTokenApi(7);

    HttpResponse<String> again = ada.get(EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET));

    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.body()).contains("Reconnected");
    String second = tokenFromTheTokenApi(7);
    assertThat(second).isNotEqualTo(first).isEqualTo(rows.accessToken(7));
    assertThat(rows.auditCount(7, "RECONNECTED")).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from crm_integrations").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void reconnectingAConnectionThatNeedsReconnectMakesItUsableAgain() {
    rows.insert(
        7,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "NEEDS_RECONNECT",
        "revoked-access",
        "revoked-refresh",
        Instant.now().minusSeconds(3600));

    HttpResponse<String> page = ada.get(EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(rows.state(7)).isEqualTo("CONNECTED");
    assertThat(tokenFromTheTokenApi(7)).isNotEqualTo("revoked-access");
    assertThat(rows.refreshToken(7)).isNotEqualTo("revoked-refresh");
    assertThat(rows.auditCount(7, "RECONNECTED")).isEqualTo(1);
  }

  @Test
  void aReplayedStateIsRefusedAndChangesNothing() {
    URI callback = EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET);
    assertThat(ada.get(callback).statusCode()).isEqualTo(200);
    String stored = rows.accessToken(7);

    HttpResponse<String> replay = ada.get(callback);

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).contains("id=\"connect-failed\"").contains("no longer valid");
    assertThat(rows.accessToken(7)).isEqualTo(stored);
    assertThat(rows.auditCount(7, "RECONNECTED")).isZero();
  }

  @Test
  void aStateFromAnotherAdminSessionIsRefusedAndStaysUsableByItsOwn() {
    URI callback = EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET);
    AdminSession anotherAdaSession = AdminSession.of(PORT, "ada");
    anotherAdaSession.connect(8, "PRODUCTION");

    HttpResponse<String> foreign = anotherAdaSession.get(callback);
    HttpResponse<String> withoutSession = AdminSession.of(PORT, "ada").get(callback);

    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(foreign.body()).contains("no longer valid");
    assertThat(withoutSession.statusCode()).isEqualTo(400);
    assertThat(liveConnections()).isZero();
    assertThat(ada.get(callback).statusCode()).isEqualTo(200);
  }

  @Test
  void anExpiredStateIsRefused() {
    URI authorize = ada.connect(7, "PRODUCTION");
    jdbc.sql(
            """
            update oauth_authorization_requests
               set created_at = now() - interval '11 minutes',
                   expires_at = now() - interval '1 minute'
            """)
        .update();

    HttpResponse<String> late = ada.get(EMULATOR.approve(authorize, TARGET));

    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(late.body()).contains("expired");
    assertThat(liveConnections()).isZero();
  }

  @Test
  void theStateExpiresTenMinutesAfterConnect() {
    ada.connect(7, "PRODUCTION");

    Long seconds =
        jdbc.sql(
                "select extract(epoch from expires_at - created_at)::bigint"
                    + " from oauth_authorization_requests")
            .query(Long.class)
            .single();

    assertThat(seconds).isBetween(595L, 605L);
  }

  @Test
  void aWrongPkceVerifierIsRejectedBySalesforceAndNothingIsStored() {
    URI authorize = ada.connect(7, "PRODUCTION");
    SealedSecret other = vault.seal(Secret.of("x".repeat(43)), SecretSlot.pkceVerifier(7));
    jdbc.sql(
            "update oauth_authorization_requests"
                + " set pkce_verifier_ciphertext = ?, pkce_verifier_key_id = ?")
        .param(other.ciphertext())
        .param(other.keyId())
        .update();

    HttpResponse<String> page = ada.get(EMULATOR.approve(authorize, TARGET));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("Salesforce refused").contains("invalid code verifier");
    assertThat(liveConnections()).isZero();
  }

  @Test
  void aSecondOrgIsRefusedUntilTheFirstIsDisconnected() {
    rows.insert(
        7,
        "00D000000000042",
        "login.salesforce.com",
        "CONNECTED",
        "access-of-the-first-org",
        "refresh-of-the-first-org",
        Instant.now());

    HttpResponse<String> page = ada.get(EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains(
            "already connected to Salesforce org " + SalesforceId.of("00D000000000042").value())
        .contains("Disconnect that org first");
    assertThat(rows.accessToken(7)).isEqualTo("access-of-the-first-org");
    assertThat(liveConnections()).isEqualTo(1);
    assertThat(rows.auditCount(7, "CONNECT_FAILED")).isEqualTo(1);
  }

  @Test
  void anOrgConnectedToAnotherCompanyIsRefused() {
    rows.insert(
        8,
        TARGET.org().id(),
        EMULATOR.loginHost(),
        "CONNECTED",
        "access-of-company-8",
        "refresh-of-company-8",
        Instant.now());

    HttpResponse<String> page = ada.get(EMULATOR.approve(ada.connect(7, "PRODUCTION"), TARGET));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("already connected to another Caskr company");
    assertThat(liveConnections()).isEqualTo(1);
    assertThat(rows.accessToken(8)).isEqualTo("access-of-company-8");
    assertThat(rows.auditCount(7, "CONNECT_FAILED")).isEqualTo(1);
  }

  @Test
  void salesforcesDenialIsShownEscapedAndStoresNothing() {
    URI authorize = ada.connect(7, "PRODUCTION");
    String state = query(authorize).get("state");

    HttpResponse<String> page =
        ada.get(
            "/api/integrations/salesforce/callback?error=access_denied&error_description="
                + encode("<script>alert(1)</script> end-user denied")
                + "&state="
                + encode(state));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("access_denied")
        .contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(liveConnections()).isZero();
  }

  @Test
  void onlyAnAdminOfTheCompanyMayStartConnecting() {
    String path = "/api/integrations/salesforce/connect?companyId=7&environment=PRODUCTION";

    assertThat(AdminSession.of(PORT, "vic").get(path).statusCode()).isEqualTo(403);
    assertThat(AdminSession.of(PORT, "olga").get(path).statusCode()).isEqualTo(403);
    assertThat(AdminSession.of(PORT, "otto").get(path).statusCode()).isEqualTo(403);
    assertThat(AdminSession.of(PORT, "olga").post(path).statusCode()).isEqualTo(403);
    HttpResponse<String> script = AdminSession.anonymous(PORT).get(path);
    assertThat(script.statusCode()).isEqualTo(401);
    HttpResponse<String> browser = anonymousBrowser(path);
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    assertThat(pending()).isZero();

    HttpResponse<String> post = ada.post(path);
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(post.body()).get("authorizeUrl").asString())
        .startsWith(EMULATOR.baseUrl() + "/services/oauth2/authorize?");
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void aCustomDomainMustBeASalesforceMyDomainHost() {
    HttpResponse<String> evil =
        ada.get(
            "/api/integrations/salesforce/connect?companyId=7&environment=CUSTOM_DOMAIN"
                + "&myDomain=login.evil.example");
    HttpResponse<String> lookalike =
        ada.get(
            "/api/integrations/salesforce/connect?companyId=7&environment=CUSTOM_DOMAIN"
                + "&myDomain="
                + encode("acme.my.salesforce.com.evil.example"));
    URI acme = ada.connect(7, "CUSTOM_DOMAIN&myDomain=Acme--UAT.sandbox.my.salesforce.com");

    assertThat(evil.statusCode()).isEqualTo(400);
    assertThat(evil.body()).contains("Not a Salesforce My Domain host");
    assertThat(lookalike.statusCode()).isEqualTo(400);
    assertThat(acme.toString())
        .startsWith("https://acme--uat.sandbox.my.salesforce.com/services/oauth2/authorize?");
    assertThat(
            jdbc.sql("select login_host from oauth_authorization_requests")
                .query(String.class)
                .single())
        .isEqualTo("acme--uat.sandbox.my.salesforce.com");
  }

  private String tokenFromTheTokenApi(long companyId) {
    return TokenApiCalls.accessToken(PORT, CALLER_SECRET, companyId);
  }

  private static HttpResponse<String> anonymousBrowser(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
              .header("Accept", "text/html")
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long liveConnections() {
    return jdbc.sql("select count(*) from crm_integrations where state <> 'DISCONNECTED'")
        .query(Long.class)
        .single();
  }

  private long pending() {
    return jdbc.sql("select count(*) from oauth_authorization_requests").query(Long.class).single();
  }

  private long pendingWithState(String state) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
      return jdbc.sql("select count(*) from oauth_authorization_requests where state_hash = ?")
          .param(hash)
          .query(Long.class)
          .single();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(URI url) {
    Map<String, String> values = new java.util.HashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(
          java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return values;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
