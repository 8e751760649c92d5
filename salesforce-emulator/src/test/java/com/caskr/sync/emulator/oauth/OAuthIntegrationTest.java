package com.caskr.sync.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthIntegrationTest {

  static final String CALLBACK = "https://sync.caskr.example/oauth/callback";
  static final String USERNAME = "tom.reyes@kinsale-distilling.example";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired ConnectedApps apps;
  @Autowired Sessions sessions;

  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  Org org;
  ConnectedApp app;

  @BeforeEach
  void aConnectedAppOnTheDemoOrg() {
    org =
        orgs.all().stream()
            .filter(o -> o.name().equals(DemoDistillery.NAME))
            .findFirst()
            .orElseThrow();
    app = apps.create(org.id(), "Caskr Sync", CALLBACK);
  }

  @Test
  void walksTheBrowserFlowWithPkceAndExchangesTheCode() throws Exception {
    String verifier = "verifier-" + "x".repeat(50);
    URI callback = approve("api refresh_token", OAuthServer.challengeOf(verifier), "st at/e");
    Map<String, String> query = query(callback);
    assertThat(query).containsEntry("state", "st at/e").containsKey("code");

    var response = postToken(codeForm(query.get("code"), verifier));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> body = json(response);
    assertThat(body)
        .containsOnlyKeys(
            "access_token",
            "refresh_token",
            "signature",
            "scope",
            "instance_url",
            "id",
            "token_type",
            "issued_at")
        .containsEntry("instance_url", "http://127.0.0.1:" + port)
        .containsEntry("token_type", "Bearer")
        .containsEntry("id", "https://login.salesforce.com/id/" + org.id() + "/" + userId());
    assertThat(body.get("issued_at")).isInstanceOf(String.class);
    assertThat(Long.parseLong((String) body.get("issued_at")))
        .isCloseTo(Instant.now().toEpochMilli(), within(60_000L));
    assertThat(sessions.authenticate((String) body.get("access_token")))
        .hasValueSatisfying(s -> assertThat(s.mayCallApi()).isTrue());
  }

  @Test
  void refusesAWrongOrMissingVerifierAndAReplayedCode() throws Exception {
    String challenge = OAuthServer.challengeOf("the-right-verifier-the-right-verifier-0123");
    assertError(
        postToken(codeForm(codeFrom(approve("api", challenge, null)), "wrong")),
        "invalid_request",
        "invalid code verifier");
    assertError(
        postToken(codeForm(codeFrom(approve("api", challenge, null)), null)),
        "invalid_grant",
        "invalid code verifier");

    String code = codeFrom(approve("api", null, null));
    assertThat(postToken(codeForm(code, null)).statusCode()).isEqualTo(200);
    assertError(postToken(codeForm(code, null)), "invalid_grant", "invalid authorization code");
  }

  @Test
  void redirectsADenialWithAccessDenied() throws Exception {
    String consent = login(authorizeUrl("", "api", null, "abc"), USERNAME, "password");
    var denied = submit(consent, "oadeny");
    assertThat(denied.statusCode()).isEqualTo(302);
    assertThat(denied.headers().firstValue("Location").orElseThrow())
        .isEqualTo(
            CALLBACK
                + "?error=access_denied&error_description=end-user+denied+authorization&state=abc");
  }

  @Test
  void showsAnErrorPageInsteadOfRedirectingToAnUnregisteredCallback() throws Exception {
    var response =
        get(
            "/services/oauth2/authorize?response_type=code&client_id="
                + app.clientId()
                + "&redirect_uri="
                + enc("https://evil.example/cb"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("redirect_uri_mismatch");
  }

  @Test
  void refusesAWrongPasswordOnTheLoginPage() throws Exception {
    String page = login(authorizeUrl("", "api", null, null), USERNAME, "not-it");
    assertThat(page).contains("id=\"error\"").doesNotContain("oaapprove");
  }

  @Test
  void refusesProductionCredentialsOnTheSandboxLoginPath() throws Exception {
    String page = login(authorizeUrl("/sandbox", "api", null, null), USERNAME, "password");
    assertThat(page).contains("id=\"error\"").doesNotContain("oaapprove");

    String code = codeFrom(approve("api", null, null));
    assertError(
        post("/sandbox/services/oauth2/token", codeForm(code, null), null),
        "invalid_grant",
        "authentication failure");
  }

  @Test
  void acceptsClientCredentialsByHttpBasicAndRefusesBadOnes() throws Exception {
    var form = codeForm(codeFrom(approve("api", null, null)), null);
    form.remove("client_id");
    form.remove("client_secret");
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
    assertThat(post("/services/oauth2/token", form, "Basic " + basic).statusCode()).isEqualTo(200);

    var wrong = codeForm(codeFrom(approve("api", null, null)), null);
    wrong.put("client_secret", "nope");
    assertError(postToken(wrong), "invalid_client", "invalid client credentials");
    wrong.put("client_id", "nobody");
    assertError(postToken(wrong), "invalid_client_id", "client identifier invalid");
    assertError(
        postToken(new LinkedHashMap<>(Map.of("grant_type", "password"))),
        "unsupported_grant_type",
        "grant type not supported");
  }

  @Test
  void refreshesWithoutRotationByDefault() throws Exception {
    String refresh = tokensFor("api refresh_token").get("refresh_token").toString();
    var first = json(postToken(refreshForm(refresh)));
    assertThat(first).containsKey("access_token").doesNotContainKey("refresh_token");
    assertThat(postToken(refreshForm(refresh)).statusCode()).isEqualTo(200);
  }

  @Test
  void rotatesRefreshTokensWhenTheAppSaysSo() throws Exception {
    app = apps.save(app.withRefreshTokenRotation(true));
    String old = tokensFor("api refresh_token").get("refresh_token").toString();
    var rotated = json(postToken(refreshForm(old)));
    assertThat(rotated.get("refresh_token")).isNotNull().isNotEqualTo(old);
    assertError(postToken(refreshForm(old)), "invalid_grant", "expired access/refresh token");
    assertThat(postToken(refreshForm(rotated.get("refresh_token").toString())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void revokesARefreshTokenWithItsAccessTokens() throws Exception {
    var tokens = tokensFor("api refresh_token");
    String access = tokens.get("access_token").toString();
    String refresh = tokens.get("refresh_token").toString();

    assertThat(post("/services/oauth2/revoke", Map.of("token", refresh), null).statusCode())
        .isEqualTo(200);

    assertThat(sessions.authenticate(access)).isEmpty();
    assertError(postToken(refreshForm(refresh)), "invalid_grant", "expired access/refresh token");
    assertError(
        get("/services/oauth2/revoke?token=" + enc(refresh)), "invalid_token", "invalid token");
  }

  @Test
  void issuesAnIdTokenSignedWithTheKeyServedAtIdKeysWhenScopeHasOpenid() throws Exception {
    Map<String, Object> tokens = tokensFor("api openid");
    String idToken = (String) tokens.get("id_token");
    assertThat(idToken).isNotNull();
    assertThat(tokensFor("api")).doesNotContainKey("id_token");

    var keys = http.send(HttpRequest.newBuilder(uri("/id/keys")).build(), BodyHandlers.ofString());
    assertThat(keys.statusCode()).isEqualTo(200);
    RSAKey key = (RSAKey) JWKSet.parse(keys.body()).getKeys().getFirst();
    assertThat(key.isPrivate()).isFalse();
    SignedJWT jwt = SignedJWT.parse(idToken);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://login.salesforce.com");
    assertThat(claims.getSubject()).isEqualTo(tokens.get("id"));
    assertThat(claims.getAudience()).containsExactly(app.clientId());
    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    assertThat(claims.getStringClaim("preferred_username")).isEqualTo(USERNAME);
    assertThat(claims.getStringClaim("at_hash")).isNotBlank();
  }

  @Test
  void resolvesTheIdentityUrlForATokenOfTheSameOrg() throws Exception {
    Map<String, Object> tokens = tokensFor("api id");
    String path = ((String) tokens.get("id")).replace("https://login.salesforce.com", "");
    var identity =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + tokens.get("access_token"))
                .build(),
            BodyHandlers.ofString());

    assertThat(identity.statusCode()).isEqualTo(200);
    var body = json(identity);
    assertThat(body)
        .containsEntry("id", tokens.get("id"))
        .containsEntry("user_id", userId())
        .containsEntry("organization_id", org.id())
        .containsEntry("username", USERNAME)
        .containsEntry("email", USERNAME);
    @SuppressWarnings("unchecked")
    var urls = (Map<String, Object>) body.get("urls");
    assertThat(urls)
        .containsEntry("rest", "http://127.0.0.1:" + port + "/services/data/v{version}/")
        .containsKeys("sobjects", "query");

    var anonymous = http.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(403);
    var otherOrg =
        http.send(
            HttpRequest.newBuilder(uri("/id/00DEm0000000000AAA/" + userId()))
                .header("Authorization", "Bearer " + tokens.get("access_token"))
                .build(),
            BodyHandlers.ofString());
    assertThat(otherOrg.statusCode()).isEqualTo(403);
  }

  @Test
  void answersUserinfoForALiveTokenAndBadOAuthTokenOtherwise() throws Exception {
    String access = tokensFor("api id").get("access_token").toString();
    var response =
        http.send(
            HttpRequest.newBuilder(uri("/services/oauth2/userinfo"))
                .header("Authorization", "Bearer " + access)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    var body = json(response);
    assertThat(body)
        .containsEntry("sub", "https://login.salesforce.com/id/" + org.id() + "/" + userId())
        .containsEntry("user_id", userId())
        .containsEntry("organization_id", org.id())
        .containsEntry("preferred_username", USERNAME)
        .containsEntry("email", USERNAME)
        .containsEntry("name", "Tom Reyes")
        .containsKey("urls");

    post("/services/oauth2/revoke", Map.of("token", access), null);
    var revoked =
        http.send(
            HttpRequest.newBuilder(uri("/services/oauth2/userinfo"))
                .header("Authorization", "Bearer " + access)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).isEqualTo(403);
    assertThat(revoked.body()).isEqualTo("Bad_OAuth_Token");
  }

  @Test
  void introspectsLiveAndDeadTokens() throws Exception {
    String access = tokensFor("api").get("access_token").toString();
    var form = new LinkedHashMap<String, String>();
    form.put("token", access);
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    var live = json(post("/services/oauth2/introspect", form, null));
    assertThat(live)
        .containsEntry("active", true)
        .containsEntry("scope", "api")
        .containsEntry("client_id", app.clientId())
        .containsEntry("username", USERNAME)
        .containsEntry("token_type", "access_token")
        .containsKeys("sub", "exp", "iat");
    assertThat(((Number) live.get("exp")).longValue() - ((Number) live.get("iat")).longValue())
        .isEqualTo(7200);

    form.put("token", "00Dnothing!");
    assertThat(json(post("/services/oauth2/introspect", form, null)))
        .containsExactly(Map.entry("active", false));
  }

  @Test
  void exchangesAJwtAssertionSignedWithTheRegisteredKey() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    app =
        apps.save(
            app.withPublicKey((RSAPublicKey) keys.getPublic()).withPreAuthorizedUser(userId()));

    var ok = postToken(jwtForm(sign(keys, "https://login.salesforce.com")));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok)).containsKey("access_token").doesNotContainKey("refresh_token");

    assertError(
        postToken(jwtForm(sign(keys, "https://test.salesforce.com"))),
        "invalid_grant",
        "audience is invalid");
    assertError(
        postToken(jwtForm(sign(generator.generateKeyPair(), "https://login.salesforce.com"))),
        "invalid_grant",
        "invalid assertion");
  }

  @Test
  void logsASandboxUserInOnlyUnderTheSandboxPrefix() throws Exception {
    Org sandbox =
        orgs.create(
            Orgs.Definition.named(
                    "Kinsale UAT",
                    new NewUser("uat@kinsale.example", "U", "At", "uat@kinsale.example"))
                .asSandbox());
    app = apps.create(sandbox.id(), "Caskr Sync UAT", CALLBACK);

    String refused = login(authorizeUrl("", "api", null, null), "uat@kinsale.example", "password");
    assertThat(refused).contains("id=\"error\"");

    String consent =
        login(authorizeUrl("/sandbox", "api", null, null), "uat@kinsale.example", "password");
    var approved = submit(consent, "oaapprove");
    String code = codeFrom(URI.create(approved.headers().firstValue("Location").orElseThrow()));
    var response = post("/sandbox/services/oauth2/token", codeForm(code, null), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat((String) json(response).get("id"))
        .isEqualTo(
            "https://test.salesforce.com/id/"
                + sandbox.id()
                + "/"
                + sandbox.userIdByUsername("uat@kinsale.example").orElseThrow());
  }

  @Test
  void answersAnExpiredSessionAsBadOAuthToken() throws Exception {
    String access = tokensFor("api").get("access_token").toString();
    assertThat(((Tokens) sessions).expireNow(access)).isTrue();
    var response =
        http.send(
            HttpRequest.newBuilder(uri("/services/oauth2/userinfo"))
                .header("Authorization", "Bearer " + access)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(sessions.authenticate(access)).isEmpty();
  }

  // ---- the browser ----

  private URI approve(String scope, String challenge, String state) throws Exception {
    String consent = login(authorizeUrl("", scope, challenge, state), USERNAME, "password");
    var response = submit(consent, "oaapprove");
    assertThat(response.statusCode()).isEqualTo(302);
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  private String authorizeUrl(String prefix, String scope, String challenge, String state) {
    return prefix
        + "/services/oauth2/authorize?response_type=code&client_id="
        + enc(app.clientId())
        + "&redirect_uri="
        + enc(CALLBACK)
        + "&scope="
        + enc(scope)
        + (challenge == null ? "" : "&code_challenge=" + enc(challenge))
        + (state == null ? "" : "&state=" + enc(state));
  }

  /** Opens the login page, fills username and password, submits it; returns the next page. */
  private String login(String authorizeUrl, String username, String password) throws Exception {
    var page = get(authorizeUrl);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"username\"", "id=\"password\"", "id=\"Login\"");
    Map<String, String> fields = hiddenFields(page.body());
    fields.put("username", username);
    fields.put(attribute(page.body(), "id=\"password\"", "name"), password);
    var next = post(formAction(page.body()), fields, null);
    assertThat(next.statusCode()).isEqualTo(200);
    return next.body();
  }

  /** Clicks one of the consent page's buttons. */
  private HttpResponse<String> submit(String consentPage, String buttonId) throws Exception {
    assertThat(consentPage).contains("id=\"oaapprove\"", "id=\"oadeny\"");
    Map<String, String> fields = hiddenFields(consentPage);
    fields.put(attribute(consentPage, "id=\"" + buttonId + "\"", "name"), "1");
    return post(formAction(consentPage), fields, null);
  }

  private static Map<String, String> hiddenFields(String html) {
    var fields = new LinkedHashMap<String, String>();
    Matcher m =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
            .matcher(html);
    while (m.find()) {
      fields.put(m.group(1), unescape(m.group(2)));
    }
    return fields;
  }

  private static String formAction(String html) {
    Matcher m = Pattern.compile("<form [^>]*action=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return unescape(m.group(1));
  }

  private static String attribute(String html, String marker, String attribute) {
    int at = html.indexOf(marker);
    int start = html.lastIndexOf('<', at);
    String tag = html.substring(start, html.indexOf('>', at));
    Matcher m = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(tag);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String unescape(String value) {
    return value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  // ---- the client ----

  private Map<String, Object> tokensFor(String scope) throws Exception {
    var response = postToken(codeForm(codeFrom(approve(scope, null, null)), null));
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response);
  }

  private Map<String, String> codeForm(String code, String verifier) {
    var form = new LinkedHashMap<String, String>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    form.put("redirect_uri", CALLBACK);
    if (verifier != null) {
      form.put("code_verifier", verifier);
    }
    return form;
  }

  private Map<String, String> refreshForm(String refreshToken) {
    var form = new LinkedHashMap<String, String>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    return form;
  }

  private static Map<String, String> jwtForm(String assertion) {
    var form = new LinkedHashMap<String, String>();
    form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    form.put("assertion", assertion);
    return form;
  }

  private String sign(KeyPair keys, String audience) throws Exception {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(app.clientId())
            .subject(USERNAME)
            .audience(audience)
            .expirationTime(Date.from(Instant.now().plusSeconds(180)))
            .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(keys.getPrivate()));
    return jwt.serialize();
  }

  private String userId() {
    return org.userIdByUsername(USERNAME).orElseThrow();
  }

  private static String codeFrom(URI callback) {
    return query(callback).get("code");
  }

  private static Map<String, String> query(URI uri) {
    return List.of(uri.getRawQuery().split("&")).stream()
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> postToken(Map<String, String> form) throws Exception {
    return post("/services/oauth2/token", form, null);
  }

  private HttpResponse<String> post(String path, Map<String, String> form, String authorization)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    var request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(HttpResponse<String> response) {
    return JSON.readValue(response.body(), Map.class);
  }

  private static void assertError(HttpResponse<String> response, String error, String description) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(json(response))
        .containsExactly(Map.entry("error", error), Map.entry("error_description", description));
  }
}
