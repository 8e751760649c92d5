package com.caskr.sync.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthServerTest {

  static final String CALLBACK = "https://app.example/callback";
  static final String INSTANCE = "http://127.0.0.1:8090";
  static final String USERNAME = "ada@distillery.example";

  final TestClock clock = new TestClock();
  final Orgs orgs = new Orgs(clock);
  final ConnectedApps apps = new ConnectedApps();
  final Tokens tokens = new Tokens(clock);
  final OAuthServer server =
      new OAuthServer(orgs, apps, new Credentials("password"), tokens, new IdTokens());
  Org org;
  ConnectedApp app;

  @BeforeEach
  void anOrgWithAnApp() {
    org =
        orgs.create(
            Orgs.Definition.named(
                "Distillery", new NewUser(USERNAME, "Ada", "Lovelace", USERNAME)));
    app = apps.create(org.id(), "Sync", CALLBACK);
  }

  @Test
  void exchangesACodeWithTheRightVerifierForTokensShapedAsSalesforce() {
    String verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    String code = codeFor(app, "api refresh_token", OAuthServer.challengeOf(verifier));

    var response = server.token(LoginEnvironment.PRODUCTION, codeGrant(code, verifier), INSTANCE);

    assertThat(response)
        .containsKeys("access_token", "refresh_token", "signature", "scope", "id", "issued_at")
        .doesNotContainKey("expires_in")
        .containsEntry("instance_url", INSTANCE)
        .containsEntry("token_type", "Bearer")
        .containsEntry("scope", "api refresh_token")
        .containsEntry(
            "id", "https://login.salesforce.com/id/" + org.id() + "/" + org.adminUserId())
        .containsEntry("issued_at", Long.toString(clock.instant().toEpochMilli()));
    assertThat(response.get("signature"))
        .isEqualTo(
            OAuthServer.signature(
                app.clientSecret(), (String) response.get("id") + response.get("issued_at")));
    assertThat(tokens.authenticate((String) response.get("access_token")))
        .hasValueSatisfying(s -> assertThat(s.userId()).isEqualTo(org.adminUserId()));
  }

  @Test
  void refusesAWrongVerifierAsInvalidRequestAndAMissingOneAsInvalidGrant() {
    String challenge = OAuthServer.challengeOf("the-right-verifier");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                codeGrant(codeFor(app, "api", challenge), "a-wrong-verifier"),
                INSTANCE),
        "invalid_request",
        "invalid code verifier");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                codeGrant(codeFor(app, "api", challenge), null),
                INSTANCE),
        "invalid_grant",
        "invalid code verifier");
  }

  @Test
  void usesACodeOnceAndNotAfterFifteenMinutes() {
    String code = codeFor(app, "api", null);
    server.token(LoginEnvironment.PRODUCTION, codeGrant(code, null), INSTANCE);
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, codeGrant(code, null), INSTANCE),
        "invalid_grant",
        "invalid authorization code");

    String late = codeFor(app, "api", null);
    clock.advance(Duration.ofMinutes(15));
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, codeGrant(late, null), INSTANCE),
        "invalid_grant",
        "expired authorization code");
  }

  @Test
  void refusesBadClientsWithSalesforcePairs() {
    String code = codeFor(app, "api", null);
    var unknown = new HashMap<>(codeGrant(code, null).form());
    unknown.put("client_id", "nobody");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                new OAuthServer.TokenRequest(unknown, null, null),
                INSTANCE),
        "invalid_client_id",
        "client identifier invalid");
    var wrongSecret = new HashMap<>(codeGrant(code, null).form());
    wrongSecret.put("client_secret", "wrong");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                new OAuthServer.TokenRequest(wrongSecret, null, null),
                INSTANCE),
        "invalid_client",
        "invalid client credentials");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                new OAuthServer.TokenRequest(Map.of("grant_type", "password"), null, null),
                INSTANCE),
        "unsupported_grant_type",
        "grant type not supported");
  }

  @Test
  void keepsTheRefreshTokenWithoutRotation() {
    String refresh = refreshTokenFor(app);
    var first = server.token(LoginEnvironment.PRODUCTION, refreshGrant(refresh), INSTANCE);
    var second = server.token(LoginEnvironment.PRODUCTION, refreshGrant(refresh), INSTANCE);
    assertThat(first).doesNotContainKey("refresh_token");
    assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
  }

  @Test
  void rotatesTheRefreshTokenAndKillsTheOldOneAtOnce() {
    app = apps.save(app.withRefreshTokenRotation(true));
    String old = refreshTokenFor(app);
    var response = server.token(LoginEnvironment.PRODUCTION, refreshGrant(old), INSTANCE);
    String rotated = (String) response.get("refresh_token");
    assertThat(rotated).isNotNull().isNotEqualTo(old);
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, refreshGrant(old), INSTANCE),
        "invalid_grant",
        "expired access/refresh token");
    assertThat(server.token(LoginEnvironment.PRODUCTION, refreshGrant(rotated), INSTANCE))
        .containsKey("access_token");
  }

  @Test
  void expiresAnAccessTokenAtTheSessionTimeout() {
    app = apps.save(app.withSessionTimeout(Duration.ofMinutes(30)));
    String access =
        (String)
            server
                .token(
                    LoginEnvironment.PRODUCTION,
                    codeGrant(codeFor(app, "api", null), null),
                    INSTANCE)
                .get("access_token");
    clock.advance(Duration.ofMinutes(29));
    assertThat(tokens.authenticate(access)).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(tokens.authenticate(access)).isEmpty();
  }

  @Test
  void mintsASessionDirectlyAndExpiresOrRevokesItOnDemand() {
    var minted = tokens.issue(app, org.adminUserId(), java.util.Set.of("api"));
    assertThat(tokens.authenticate(minted.token()))
        .hasValueSatisfying(
            s -> {
              assertThat(s.orgId()).isEqualTo(org.id());
              assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
            });
    assertThat(tokens.expireNow(minted.token())).isTrue();
    assertThat(tokens.authenticate(minted.token())).isEmpty();
    var other = tokens.issue(app, org.adminUserId(), java.util.Set.of("api"));
    tokens.expireAll(org.id());
    assertThat(tokens.authenticate(other.token())).isEmpty();
  }

  @Test
  void revokingARefreshTokenRevokesItsAccessTokens() {
    String code = codeFor(app, "api refresh_token", null);
    var response = server.token(LoginEnvironment.PRODUCTION, codeGrant(code, null), INSTANCE);
    String refresh = (String) response.get("refresh_token");
    String second =
        (String)
            server
                .token(LoginEnvironment.PRODUCTION, refreshGrant(refresh), INSTANCE)
                .get("access_token");

    server.revoke(refresh);

    assertThat(tokens.authenticate((String) response.get("access_token"))).isEmpty();
    assertThat(tokens.authenticate(second)).isEmpty();
    assertRefused(() -> server.revoke(refresh), "invalid_token", "invalid token");
  }

  @Test
  void refusesProductionCredentialsOnTheSandboxLoginHost() {
    assertThat(server.login(LoginEnvironment.SANDBOX, app, USERNAME, "password")).isEmpty();
    String code = codeFor(app, "api", null);
    assertRefused(
        () -> server.token(LoginEnvironment.SANDBOX, codeGrant(code, null), INSTANCE),
        "invalid_grant",
        "authentication failure");
  }

  @Test
  void namesTheSandboxLoginHostInASandboxIdentityUrl() {
    Org sandbox =
        orgs.create(
            Orgs.Definition.named("Box", new NewUser("bo@box.example", "Bo", "X", "bo@box.example"))
                .asSandbox());
    ConnectedApp boxApp = apps.create(sandbox.id(), "Sync", CALLBACK);
    String userId =
        server.login(LoginEnvironment.SANDBOX, boxApp, "bo@box.example", "password").orElseThrow();
    String code = server.issueCode(LoginEnvironment.SANDBOX, boxApp, userId, CALLBACK, "api", null);
    var form = new HashMap<>(codeGrant(code, null).form());
    form.put("client_id", boxApp.clientId());
    form.put("client_secret", boxApp.clientSecret());
    var response =
        server.token(
            LoginEnvironment.SANDBOX, new OAuthServer.TokenRequest(form, null, null), INSTANCE);
    assertThat((String) response.get("id")).startsWith("https://test.salesforce.com/id/");
  }

  // ---- JWT bearer ----

  @Test
  void issuesAnAccessTokenButNoRefreshTokenForAValidAssertion() throws Exception {
    KeyPair keys = jwtApp(true);
    var response =
        server.token(LoginEnvironment.PRODUCTION, jwtGrant(sign(keys, claims().build())), INSTANCE);
    assertThat(response).containsKey("access_token").doesNotContainKey("refresh_token");
    assertThat((String) response.get("scope")).doesNotContain("refresh_token");
  }

  @Test
  void verifiesAgainstAnUploadedX509Certificate() throws Exception {
    String certificate = resource("jwt-test-cert.pem");
    String pkcs8 =
        resource("jwt-test-key.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var privateKey =
        java.security.KeyFactory.getInstance("RSA")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    java.util.Base64.getDecoder().decode(pkcs8)));
    app = apps.save(app.withCertificate(certificate).withPreAuthorizedUser(org.adminUserId()));
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims().build());
    jwt.sign(new RSASSASigner(privateKey));

    assertThat(server.token(LoginEnvironment.PRODUCTION, jwtGrant(jwt.serialize()), INSTANCE))
        .containsKey("access_token");
  }

  private static String resource(String name) throws Exception {
    try (var in = OAuthServerTest.class.getResourceAsStream("/oauth/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  @Test
  void refusesAnAssertionSignedWithAnotherKey() throws Exception {
    jwtApp(true);
    KeyPair other = rsa();
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION, jwtGrant(sign(other, claims().build())), INSTANCE),
        "invalid_grant",
        "invalid assertion");
  }

  @Test
  void refusesAnUnsignedAssertion() throws Exception {
    jwtApp(true);
    String none = new PlainJWT(claims().build()).serialize();
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, jwtGrant(none), INSTANCE),
        "invalid_grant",
        "invalid assertion");
  }

  @Test
  void refusesAnExpiredAssertionAndOneTooFarAhead() throws Exception {
    KeyPair keys = jwtApp(true);
    var expired = claims().expirationTime(Date.from(clock.instant().minusSeconds(181))).build();
    var tooFar = claims().expirationTime(Date.from(clock.instant().plusSeconds(361))).build();
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, jwtGrant(sign(keys, expired)), INSTANCE),
        "invalid_grant",
        "invalid assertion");
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, jwtGrant(sign(keys, tooFar)), INSTANCE),
        "invalid_grant",
        "invalid assertion");
    var withinSkew = claims().expirationTime(Date.from(clock.instant().minusSeconds(120))).build();
    assertThat(
            server.token(LoginEnvironment.PRODUCTION, jwtGrant(sign(keys, withinSkew)), INSTANCE))
        .containsKey("access_token");
  }

  @Test
  void acceptsAnExpiryWrittenAsAStringOfDigitsAndStillChecksIt() throws Exception {
    KeyPair keys = jwtApp(true);
    long inTwoMinutes = clock.instant().plusSeconds(120).getEpochSecond();
    long fourMinutesAgo = clock.instant().minusSeconds(240).getEpochSecond();

    assertThat(
            server.token(
                LoginEnvironment.PRODUCTION,
                jwtGrant(signPayload(keys, payloadWithExp("\"" + inTwoMinutes + "\"", USERNAME))),
                INSTANCE))
        .containsKey("access_token");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                jwtGrant(signPayload(keys, payloadWithExp("\"" + fourMinutesAgo + "\"", USERNAME))),
                INSTANCE),
        "invalid_grant",
        "invalid assertion");
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION,
                jwtGrant(
                    signPayload(
                        keys, payloadWithExp("\"" + inTwoMinutes + "\"", "nobody@else.example"))),
                INSTANCE),
        "invalid_grant",
        "authentication failure");
  }

  @Test
  void refusesAnExpiryThatIsNotANumberOfSeconds() throws Exception {
    KeyPair keys = jwtApp(true);
    long inTwoMinutes = clock.instant().plusSeconds(120).getEpochSecond();
    for (String exp :
        List.of(
            "\"soon\"",
            "\"\"",
            "\"" + inTwoMinutes + ".5\"",
            "\" " + inTwoMinutes + "\"",
            "\"-" + inTwoMinutes + "\"",
            "\"99999999999999999999999\"",
            "true",
            "[" + inTwoMinutes + "]",
            "null")) {
      assertRefused(
          () ->
              server.token(
                  LoginEnvironment.PRODUCTION,
                  jwtGrant(signPayload(keys, payloadWithExp(exp, USERNAME))),
                  INSTANCE),
          "invalid_grant",
          "invalid assertion");
    }
  }

  @Test
  void refusesTheSandboxAudienceForAProductionOrg() throws Exception {
    KeyPair keys = jwtApp(true);
    var sandboxAud = claims().audience("https://test.salesforce.com").build();
    assertRefused(
        () -> server.token(LoginEnvironment.PRODUCTION, jwtGrant(sign(keys, sandboxAud)), INSTANCE),
        "invalid_grant",
        "audience is invalid");
    assertRefused(
        () -> server.token(LoginEnvironment.SANDBOX, jwtGrant(sign(keys, sandboxAud)), INSTANCE),
        "invalid_grant",
        "authentication failure");
  }

  @Test
  void refusesAUserWhoIsNotPreAuthorized() throws Exception {
    KeyPair keys = jwtApp(false);
    assertRefused(
        () ->
            server.token(
                LoginEnvironment.PRODUCTION, jwtGrant(sign(keys, claims().build())), INSTANCE),
        "invalid_grant",
        "user hasn't approved this consumer");
  }

  // ---- helpers ----

  private String codeFor(ConnectedApp client, String scope, String challenge) {
    String userId =
        server.login(LoginEnvironment.PRODUCTION, client, USERNAME, "password").orElseThrow();
    return server.issueCode(
        LoginEnvironment.PRODUCTION, client, userId, CALLBACK, scope, challenge);
  }

  private String refreshTokenFor(ConnectedApp client) {
    return (String)
        server
            .token(
                LoginEnvironment.PRODUCTION,
                codeGrant(codeFor(client, "api refresh_token", null), null),
                INSTANCE)
            .get("refresh_token");
  }

  private OAuthServer.TokenRequest codeGrant(String code, String verifier) {
    var form = new HashMap<String, String>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    form.put("redirect_uri", CALLBACK);
    if (verifier != null) {
      form.put("code_verifier", verifier);
    }
    return new OAuthServer.TokenRequest(form, null, null);
  }

  private OAuthServer.TokenRequest refreshGrant(String refreshToken) {
    return new OAuthServer.TokenRequest(
        Map.of(
            "grant_type",
            "refresh_token",
            "refresh_token",
            refreshToken,
            "client_id",
            app.clientId(),
            "client_secret",
            app.clientSecret()),
        null,
        null);
  }

  private static OAuthServer.TokenRequest jwtGrant(String assertion) {
    return new OAuthServer.TokenRequest(
        Map.of("grant_type", OAuthServer.JWT_BEARER, "assertion", assertion), null, null);
  }

  private KeyPair jwtApp(boolean preAuthorized) throws Exception {
    KeyPair keys = rsa();
    var withKey = app.withPublicKey((RSAPublicKey) keys.getPublic());
    app = apps.save(preAuthorized ? withKey.withPreAuthorizedUser(org.adminUserId()) : withKey);
    return keys;
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(app.clientId())
        .subject(USERNAME)
        .audience("https://login.salesforce.com")
        .expirationTime(Date.from(clock.instant().plusSeconds(180)));
  }

  static KeyPair rsa() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  static String sign(KeyPair keys, JWTClaimsSet claims) throws Exception {
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(keys.getPrivate()));
    return jwt.serialize();
  }

  /** Claims as raw JSON, for {@code exp} forms the claims builder cannot write. */
  private String payloadWithExp(String expJson, String subject) {
    return "{\"iss\":\""
        + app.clientId()
        + "\",\"sub\":\""
        + subject
        + "\",\"aud\":\"https://login.salesforce.com\",\"exp\":"
        + expJson
        + "}";
  }

  private static String signPayload(KeyPair keys, String json) throws Exception {
    var jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(json));
    jws.sign(new RSASSASigner(keys.getPrivate()));
    return jws.serialize();
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      String error,
      String description) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            OAuthError.class,
            e -> {
              assertThat(e.error()).isEqualTo(error);
              assertThat(e.description()).isEqualTo(description);
            });
  }
}
