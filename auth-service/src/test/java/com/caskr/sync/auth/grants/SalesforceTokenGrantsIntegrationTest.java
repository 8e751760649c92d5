package com.caskr.sync.auth.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.auth.connections.Connection;
import com.caskr.sync.auth.connections.RefreshedSession;
import com.caskr.sync.auth.connections.TokenGrants;
import com.caskr.sync.auth.testing.Emulator;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshes at the emulator's token endpoint over real HTTP. */
class SalesforceTokenGrantsIntegrationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final LoginHosts SALESFORCE_HOSTS =
      new LoginHosts(
          java.net.URI.create("https://login.salesforce.com"),
          java.net.URI.create("https://test.salesforce.com"),
          java.util.List.of());

  private final Emulator emulator = Emulator.shared();
  private Emulator.OrgWithApp target;
  private SalesforceTokenGrants grants;

  @BeforeEach
  void orgWithConsent() {
    target = emulator.newOrgWithApp("Grants test");
    grants = grantsFor(target.app());
  }

  @Test
  void refreshGivesANewAccessTokenAndKeepsTheRefreshTokenWithoutRotation() throws Exception {
    Map<String, String> consent = emulator.consent(target);
    Instant before = Instant.now().minusSeconds(1);

    RefreshedSession session =
        grants.refresh(
            webServer(target, emulator.loginHost()), Secret.of(consent.get("refresh_token")));

    assertThat(session.accessToken().reveal()).isNotEqualTo(consent.get("access_token"));
    assertThat(emulator.bean(Tokens.class).liveAccessToken(session.accessToken().reveal()))
        .isPresent();
    assertThat(session.refreshToken()).isNull();
    assertThat(session.instanceUrl()).isEqualTo(URI.create(emulator.baseUrl()));
    assertThat(session.issuedAt()).isAfter(before);
    assertThat(session.toString()).doesNotContain(session.accessToken().reveal());
  }

  @Test
  void refreshWithRotationHandsBackANewRefreshTokenAndTheOldOneIsDead() throws Exception {
    emulator.save(target.app().withRefreshTokenRotation(true));
    Map<String, String> consent = emulator.consent(target);
    Connection connection = webServer(target, emulator.loginHost());

    RefreshedSession session = grants.refresh(connection, Secret.of(consent.get("refresh_token")));

    assertThat(session.refreshToken()).isNotNull();
    assertThat(session.refreshToken().reveal()).isNotEqualTo(consent.get("refresh_token"));
    assertThatThrownBy(() -> grants.refresh(connection, Secret.of(consent.get("refresh_token"))))
        .isInstanceOf(TokenGrants.GrantRevoked.class)
        .hasMessageStartingWith("invalid_grant");
    assertThat(grants.refresh(connection, session.refreshToken()).accessToken()).isNotNull();
  }

  @Test
  void aRevokedRefreshTokenIsARevokedGrant() {
    Map<String, String> consent = emulator.consent(target);
    emulator.revoke(consent.get("refresh_token"));

    assertThatThrownBy(
            () ->
                grants.refresh(
                    webServer(target, emulator.loginHost()),
                    Secret.of(consent.get("refresh_token"))))
        .isInstanceOf(TokenGrants.GrantRevoked.class)
        .hasMessageStartingWith("invalid_grant")
        .message()
        .doesNotContain(consent.get("refresh_token"));
  }

  @Test
  void aWrongClientSecretIsARevokedGrantNamingTheErrorCode() {
    Map<String, String> consent = emulator.consent(target);
    SalesforceTokenGrants wrongSecret =
        new SalesforceTokenGrants(
            HTTP,
            new SalesforceProperties(target.app().clientId(), "not-the-secret"),
            SALESFORCE_HOSTS,
            null,
            Clock.systemUTC());

    assertThatThrownBy(
            () ->
                wrongSecret.refresh(
                    webServer(target, emulator.loginHost()),
                    Secret.of(consent.get("refresh_token"))))
        .isInstanceOf(TokenGrants.GrantRevoked.class)
        .hasMessageContaining("invalid_client")
        .message()
        .doesNotContain("not-the-secret");
  }

  @Test
  void anUnreachableTokenEndpointIsUnavailableNotRevoked() {
    Map<String, String> consent = emulator.consent(target);

    assertThatThrownBy(
            () ->
                grants.refresh(
                    webServer(target, "127.0.0.1:1"), Secret.of(consent.get("refresh_token"))))
        .isInstanceOf(TokenGrants.GrantUnavailable.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void aTokenForAnotherOrgIsNeverAccepted() {
    Map<String, String> consent = emulator.consent(target);
    Connection otherOrg =
        connection("00D000000000099", Connection.AuthFlow.WEB_SERVER, emulator.loginHost(), null);

    assertThatThrownBy(() -> grants.refresh(otherOrg, Secret.of(consent.get("refresh_token"))))
        .isInstanceOf(TokenGrants.GrantRevoked.class)
        .hasMessageContaining("not the connected org");
  }

  @Test
  void jwtBearerSignsWithTheReferencedKeyFile(@TempDir Path keys) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    emulator.save(
        target
            .app()
            .withPublicKey((RSAPublicKey) pair.getPublic())
            .withPreAuthorizedUser(target.org().adminUserId()));
    Path pem = keys.resolve("caskr.pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);

    RefreshedSession session =
        grants.jwtBearer(
            connection(
                target.org().id(),
                Connection.AuthFlow.JWT_BEARER,
                emulator.loginHost(),
                new Connection.JwtSubject(target.username(), pem.toString())));

    assertThat(emulator.bean(Tokens.class).liveAccessToken(session.accessToken().reveal()))
        .isPresent();
    assertThat(session.refreshToken()).isNull();
    assertThatThrownBy(
            () ->
                grants.jwtBearer(
                    connection(
                        target.org().id(),
                        Connection.AuthFlow.JWT_BEARER,
                        emulator.loginHost(),
                        new Connection.JwtSubject(
                            target.username(), keys.resolve("missing.pem").toString()))))
        .isInstanceOf(TokenGrants.GrantUnavailable.class)
        .hasMessageContaining("missing.pem");
  }

  @Test
  void withoutAConfiguredAppEveryRefreshIsUnavailable() {
    SalesforceTokenGrants unconfigured =
        new SalesforceTokenGrants(
            HTTP, new SalesforceProperties(null, null), SALESFORCE_HOSTS, null, Clock.systemUTC());

    assertThatThrownBy(
            () -> unconfigured.refresh(webServer(target, emulator.loginHost()), Secret.of("x")))
        .isInstanceOf(TokenGrants.GrantUnavailable.class)
        .hasMessageContaining("auth.salesforce.client-id");
  }

  private static SalesforceTokenGrants grantsFor(ConnectedApp app) {
    return new SalesforceTokenGrants(
        HTTP,
        new SalesforceProperties(app.clientId(), app.clientSecret()),
        SALESFORCE_HOSTS,
        null,
        Clock.systemUTC());
  }

  private static Connection webServer(Emulator.OrgWithApp target, String loginHost) {
    return connection(target.org().id(), Connection.AuthFlow.WEB_SERVER, loginHost, null);
  }

  private static Connection connection(
      String orgId, Connection.AuthFlow flow, String loginHost, Connection.JwtSubject jwt) {
    return new Connection(
        1,
        7,
        flow,
        SalesforceId.of(orgId),
        URI.create("http://" + loginHost),
        loginHost,
        SalesforceEnvironment.PRODUCTION,
        ConnectionState.CONNECTED,
        new com.caskr.sync.auth.vault.SealedSecret(new byte[] {1}, "1"),
        null,
        Instant.now(),
        jwt,
        0);
  }
}
