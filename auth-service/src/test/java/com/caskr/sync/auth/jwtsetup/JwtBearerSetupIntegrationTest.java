package com.caskr.sync.auth.jwtsetup;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.auth.testing.AdminUsers;
import com.caskr.sync.auth.testing.ConnectionRows;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.testing.PublishedEvents;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.authclient.ConnectionToken;
import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * An admin connects a company server-to-server against the emulator's connected app with a
 * registered certificate; the service then refreshes by signing new assertions. PostgreSQL, the
 * broker, the service over HTTP and the emulator, all real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class JwtBearerSetupIntegrationTest {

  private static final String INGEST_SECRET = "ingest-secret-of-at-least-32-bytes!!";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final Emulator.OrgWithApp TARGET = EMULATOR.newOrgWithApp("JWT bearer");
  private static final Path KEYS = keyDirectory();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SETUP = "/api/integrations/salesforce/jwt";

  /** A second app of the org: the certificate is uploaded here, the integration user allowed. */
  private static final ConnectedApp JWT_APP = jwtApp();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TARGET.configureAuthService(registry, "ingest-service", INGEST_SECRET);
    AdminUsers.register(registry);
    registry.add("auth.jwt.key-directory", KEYS::toString);
    // The emulator is this test's production login host: the only host an assertion may go to.
    registry.add("auth.salesforce.login.production", EMULATOR::baseUrl);
  }

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private TokenVault vault;

  private PublishedEvents events;

  @BeforeEach
  void noConnections() {
    new ConnectionRows(jdbc, vault).deleteAll();
    jdbc.sql("delete from outbox_events").update();
    events = new PublishedEvents(jdbc);
  }

  @Test
  void connectsWithTheRegisteredCertificateAndRefreshesBySigningANewAssertion() throws Exception {
    HttpResponse<String> answer =
        post("alice", request(7, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.get("orgId").asString()).isEqualTo(TARGET.org().id());
    assertThat(body.get("state").asString()).isEqualTo("CONNECTED");
    assertThat(body.get("authFlow").asString()).isEqualTo("JWT_BEARER");
    Map<String, Object> row =
        jdbc.sql(
                "select auth_flow, state, refresh_token_ciphertext, jwt_username,"
                    + " jwt_private_key_ref, jwt_certificate_ref, oauth_client_id, connected_by,"
                    + " salesforce_user_id from crm_integrations where company_id = 7")
            .query()
            .singleRow();
    assertThat(row.get("refresh_token_ciphertext")).as("JWT bearer has no refresh token").isNull();
    assertThat(row.get("jwt_username")).isEqualTo(TARGET.username());
    assertThat(row.get("jwt_private_key_ref"))
        .isEqualTo(KEYS.resolve("kinsale/key.pem").toString());
    assertThat(row.get("jwt_certificate_ref"))
        .isEqualTo(KEYS.resolve("kinsale/cert.pem").toString());
    assertThat(row.get("oauth_client_id")).isEqualTo(JWT_APP.clientId());
    assertThat(row.get("connected_by")).isEqualTo("alice");
    assertThat(row.get("salesforce_user_id")).isEqualTo(TARGET.org().adminUserId());
    assertThat(row.toString()).doesNotContain("PRIVATE KEY");
    events.awaitAllPublished(7);
    List<ConnectionChanged> published = events.onTheTopic(events.written(7));
    assertThat(published)
        .singleElement()
        .extracting(ConnectionChanged::state)
        .isEqualTo(ConnectionState.CONNECTED);
    assertThat(published.getFirst().previousState()).isNull();

    ConnectionTokenClient client = tokenClient();
    ConnectionToken first = client.token(7);
    assertThat(EMULATOR.bean(Tokens.class).liveAccessToken(first.accessToken())).isPresent();

    jdbc.sql(
            "update crm_integrations set token_issued_at = now() - interval '3 hours'"
                + " where company_id = 7")
        .update();
    ConnectionToken resigned = client.token(7);
    assertThat(resigned.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(EMULATOR.bean(Tokens.class).liveAccessToken(resigned.accessToken())).isPresent();
    assertThat(
            jdbc.sql(
                    "select count(*) from crm_integration_audit"
                        + " where company_id = 7 and event_type = 'TOKEN_REFRESHED'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefusedAndNothingIsStored() throws Exception {
    HttpResponse<String> answer =
        post("alice", request(7, JWT_APP.clientId(), "stranger/key.pem", "kinsale/cert.pem"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("error").asString())
        .contains("does not match the certificate");
    assertNothingStored(7);
  }

  @Test
  void anAppWithoutTheCertificateIsRefusedWithSalesforcesReasonAndNothingIsStored()
      throws Exception {
    HttpResponse<String> answer =
        post("alice", request(7, TARGET.app().clientId(), "kinsale/key.pem", "kinsale/cert.pem"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("error").asString())
        .startsWith("Salesforce refused the JWT bearer grant");
    assertNothingStored(7);
  }

  @Test
  void theAssertionGoesToNoHostButTheConfiguredOrAMyDomainAndNothingIsStored() throws Exception {
    Map<String, Object> elsewhere =
        request(7, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem");
    elsewhere.put("loginHost", "login.attacker.example");
    HttpResponse<String> answer = post("alice", elsewhere);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("error").asString())
        .contains("for a My Domain host use environment CUSTOM_DOMAIN");

    Map<String, Object> notMyDomain = new LinkedHashMap<>(elsewhere);
    notMyDomain.put("environment", "CUSTOM_DOMAIN");
    HttpResponse<String> custom = post("alice", notMyDomain);
    assertThat(custom.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(custom.body()).get("error").asString())
        .contains("Not a Salesforce My Domain host");
    assertNothingStored(7);
  }

  @Test
  void refusesFilesOutsideTheKeyDirectoryViewersAndASecondConnection() throws Exception {
    assertThat(
            post("alice", request(7, JWT_APP.clientId(), "../outside.pem", "kinsale/cert.pem"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post("alice", request(7, JWT_APP.clientId(), "kinsale/none.pem", "kinsale/cert.pem"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post("vera", request(7, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post("bob", request(7, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem"))
                .statusCode())
        .isEqualTo(403);
    assertNothingStored(7);

    assertThat(
            post("alice", request(7, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem"))
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> second =
        post("alice", request(7, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).get("error").asString())
        .contains("disconnect it first");
    HttpResponse<String> otherCompany =
        post("root", request(8, JWT_APP.clientId(), "kinsale/key.pem", "kinsale/cert.pem"));
    assertThat(otherCompany.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(otherCompany.body()).get("error").asString())
        .contains("connected to another company");
    assertNothingStored(8);
  }

  private void assertNothingStored(long companyId) {
    assertThat(
            jdbc.sql("select count(*) from crm_integrations where company_id = ?")
                .param(companyId)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(events.written(companyId)).isEmpty();
  }

  private Map<String, Object> request(
      long companyId, String clientId, String privateKeyRef, String certificateRef) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("companyId", companyId);
    body.put("environment", "PRODUCTION");
    body.put("loginHost", EMULATOR.loginHost());
    body.put("username", TARGET.username());
    body.put("clientId", clientId);
    body.put("privateKeyRef", privateKeyRef);
    body.put("certificateRef", certificateRef);
    return body;
  }

  private HttpResponse<String> post(String user, Map<String, Object> body) throws Exception {
    return HTTP.send(
        AdminUsers.as(user, port, SETUP)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private ConnectionTokenClient tokenClient() {
    return new ConnectionTokenClient(
        HTTP,
        URI.create("http://127.0.0.1:" + port),
        new ServiceCredentials("ingest-service", INGEST_SECRET, Clock.systemUTC()),
        Duration.ofSeconds(60));
  }

  private static ConnectedApp jwtApp() {
    ConnectedApps apps = EMULATOR.bean(ConnectedApps.class);
    return apps.save(
        apps.create(TARGET.org().id(), "Caskr Sync JWT", "http://127.0.0.1/unused")
            .withCertificate(resource("/jwt/kinsale-cert.pem"))
            .withPreAuthorizedUser(TARGET.org().adminUserId()));
  }

  /**
   * The mounted key directory: kinsale/ holds the key and certificate registered on the app,
   * stranger/ a key of its own.
   */
  private static Path keyDirectory() {
    try {
      Path keys = Files.createTempDirectory("auth-jwt-keys");
      Files.createDirectories(keys.resolve("kinsale"));
      Files.createDirectories(keys.resolve("stranger"));
      Files.writeString(keys.resolve("kinsale/key.pem"), resource("/jwt/kinsale-key.pem"));
      Files.writeString(keys.resolve("kinsale/cert.pem"), resource("/jwt/kinsale-cert.pem"));
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      Files.writeString(
          keys.resolve("stranger/key.pem"),
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder()
                  .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = JwtBearerSetupIntegrationTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
