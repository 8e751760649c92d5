package com.caskr.sync.emulator.oauth;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salesforce's OAuth 2.0 server, without HTTP: authorization codes, the token grants, revoke,
 * userinfo and introspect. Every refusal is an {@link OAuthError} with Salesforce's pair.
 */
public final class OAuthServer {

  public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final Duration CODE_LIFETIME = Duration.ofMinutes(15);

  /** What the client sent: the form fields plus HTTP Basic credentials, if any. */
  public record TokenRequest(Map<String, String> form, String basicClientId, String basicSecret) {

    String get(String name) {
      String value = form.get(name);
      return value == null || value.isEmpty() ? null : value;
    }

    String clientId() {
      return basicClientId != null ? basicClientId : get("client_id");
    }

    String clientSecret() {
      return basicClientId != null ? basicSecret : get("client_secret");
    }
  }

  private record Code(
      String clientId,
      String userId,
      String redirectUri,
      Set<String> scopes,
      String challenge,
      LoginEnvironment environment,
      Instant expiresAt) {}

  private final Orgs orgs;
  private final ConnectedApps apps;
  private final Credentials credentials;
  private final Tokens tokens;
  private final IdTokens idTokens;
  private final Map<String, Code> codes = new ConcurrentHashMap<>();

  public OAuthServer(
      Orgs orgs, ConnectedApps apps, Credentials credentials, Tokens tokens, IdTokens idTokens) {
    this.orgs = orgs;
    this.apps = apps;
    this.credentials = credentials;
    this.tokens = tokens;
    this.idTokens = idTokens;
  }

  // ---- authorize ----

  /** The app an authorize request names; a bad client id or callback is an error page. */
  public ConnectedApp appForAuthorize(String clientId, String redirectUri) {
    ConnectedApp app = apps.byClientId(clientId).orElseThrow(OAuthError::invalidClientId);
    if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
      throw new OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration");
    }
    return app;
  }

  /** The user id, when the username and password are right for a user of the app's org. */
  public Optional<String> login(
      LoginEnvironment environment, ConnectedApp app, String username, String password) {
    if (username == null || !credentials.matches(username, password)) {
      return Optional.empty();
    }
    return orgs.byId(app.orgId())
        .filter(org -> LoginEnvironment.of(org) == environment)
        .flatMap(org -> org.userIdByUsername(username));
  }

  /** After "Allow": a single-use code, good for 15 minutes. */
  public String issueCode(
      LoginEnvironment environment,
      ConnectedApp app,
      String userId,
      String redirectUri,
      String scope,
      String codeChallenge) {
    String code = "aPrx" + ConnectedApps.token(60);
    codes.put(
        code,
        new Code(
            app.clientId(),
            userId,
            redirectUri,
            grantedScopes(app, scope),
            codeChallenge == null || codeChallenge.isEmpty() ? null : codeChallenge,
            environment,
            tokens.clock().instant().plus(CODE_LIFETIME)));
    return code;
  }

  // ---- token ----

  /**
   * The token endpoint; {@code instanceUrl} is the emulator's base URL as the client reached it.
   */
  public Map<String, Object> token(
      LoginEnvironment environment, TokenRequest request, String instanceUrl) {
    String grantType = request.get("grant_type");
    if (grantType == null) {
      throw new OAuthError("unsupported_grant_type", "grant type not supported");
    }
    return switch (grantType) {
      case "authorization_code" -> authorizationCode(environment, request, instanceUrl);
      case "refresh_token" -> refresh(environment, request, instanceUrl);
      case JWT_BEARER -> jwtBearer(environment, request, instanceUrl);
      default -> throw new OAuthError("unsupported_grant_type", "grant type not supported");
    };
  }

  private Map<String, Object> authorizationCode(
      LoginEnvironment environment, TokenRequest request, String instanceUrl) {
    ConnectedApp app = authenticateClient(request, true);
    String codeValue = request.get("code");
    if (codeValue == null) {
      throw new OAuthError("invalid_request", "code required");
    }
    Code code = codes.remove(codeValue);
    if (code == null || !code.clientId().equals(app.clientId())) {
      throw new OAuthError("invalid_grant", "invalid authorization code");
    }
    if (!tokens.clock().instant().isBefore(code.expiresAt())) {
      throw new OAuthError("invalid_grant", "expired authorization code");
    }
    if (code.environment() != environment) {
      throw OAuthError.authenticationFailure();
    }
    if (!code.redirectUri().equals(request.get("redirect_uri"))) {
      throw new OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration");
    }
    if (code.challenge() != null) {
      String verifier = request.get("code_verifier");
      if (verifier == null) {
        throw new OAuthError("invalid_grant", "invalid code verifier");
      }
      if (!code.challenge().equals(challengeOf(verifier))) {
        throw new OAuthError("invalid_request", "invalid code verifier");
      }
    }
    String grant = UUID.randomUUID().toString();
    var access = tokens.issueAccess(app, code.userId(), code.scopes(), grant);
    String refresh = null;
    if (code.scopes().contains("refresh_token") || code.scopes().contains("offline_access")) {
      refresh = tokens.issueRefresh(app, code.userId(), code.scopes(), environment, grant).token();
    }
    return response(app, environment, access, refresh, instanceUrl);
  }

  private Map<String, Object> refresh(
      LoginEnvironment environment, TokenRequest request, String instanceUrl) {
    ConnectedApp app = authenticateClient(request, false);
    var old =
        tokens
            .liveRefreshToken(request.get("refresh_token"))
            .filter(t -> t.clientId().equals(app.clientId()))
            .orElseThrow(OAuthError::expiredToken);
    if (old.environment() != environment) {
      throw OAuthError.authenticationFailure();
    }
    String rotated = null;
    if (app.rotateRefreshTokens()) {
      if (!tokens.retire(old)) {
        throw OAuthError.expiredToken();
      }
      rotated =
          tokens.issueRefresh(app, old.userId(), old.scopes(), environment, old.grant()).token();
    }
    var access = tokens.issueAccess(app, old.userId(), old.scopes(), old.grant());
    return response(app, environment, access, rotated, instanceUrl);
  }

  private Map<String, Object> jwtBearer(
      LoginEnvironment environment, TokenRequest request, String instanceUrl) {
    var assertion = JwtBearerAssertion.parse(request.get("assertion"));
    ConnectedApp app = apps.byClientId(assertion.issuer()).orElseThrow(OAuthError::invalidClientId);
    assertion.verify(app, environment, tokens.clock().instant());
    Org org = orgs.byId(app.orgId()).orElseThrow(OAuthError::authenticationFailure);
    if (LoginEnvironment.of(org) != environment) {
      throw OAuthError.authenticationFailure();
    }
    String userId =
        assertion
            .subject()
            .flatMap(org::userIdByUsername)
            .orElseThrow(OAuthError::authenticationFailure);
    if (!app.preAuthorizedUsers().contains(userId)) {
      throw new OAuthError("invalid_grant", "user hasn't approved this consumer");
    }
    var scopes = new TreeSet<>(app.scopes());
    scopes.remove("refresh_token");
    scopes.remove("offline_access");
    var access = tokens.issueAccess(app, userId, scopes, UUID.randomUUID().toString());
    return response(app, environment, access, null, instanceUrl);
  }

  private ConnectedApp authenticateClient(TokenRequest request, boolean secretRequired) {
    ConnectedApp app = apps.byClientId(request.clientId()).orElseThrow(OAuthError::invalidClientId);
    String secret = request.clientSecret();
    if ((secretRequired || secret != null) && !constantTimeEquals(secret, app.clientSecret())) {
      throw OAuthError.invalidClient();
    }
    return app;
  }

  private Map<String, Object> response(
      ConnectedApp app,
      LoginEnvironment environment,
      Tokens.AccessToken access,
      String refreshToken,
      String instanceUrl) {
    String id = identityUrl(environment, access.orgId(), access.userId());
    String issuedAt = Long.toString(access.issuedAt().toEpochMilli());
    var body = new LinkedHashMap<String, Object>();
    body.put("access_token", access.token());
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    body.put("signature", signature(app.clientSecret(), id + issuedAt));
    body.put("scope", String.join(" ", new TreeSet<>(access.scopes())));
    if (access.scopes().contains("openid")) {
      body.put("id_token", idToken(app, environment, access, id, instanceUrl));
    }
    body.put("instance_url", instanceUrl);
    body.put("id", id);
    body.put("token_type", "Bearer");
    body.put("issued_at", issuedAt);
    return body;
  }

  private String idToken(
      ConnectedApp app,
      LoginEnvironment environment,
      Tokens.AccessToken access,
      String identityUrl,
      String instanceUrl) {
    Map<String, Object> user =
        orgs.byId(access.orgId()).flatMap(o -> o.row(access.userId())).orElse(Map.of());
    var claims = new LinkedHashMap<String, Object>();
    for (String claim :
        List.of("preferred_username", "nickname", "name", "email", "given_name", "family_name")) {
      Object value = userinfo(environment, access, user, instanceUrl).get(claim);
      claims.put(claim, value);
    }
    claims.put("email_verified", true);
    return idTokens.issue(
        environment.loginHost(),
        identityUrl,
        app.clientId(),
        access.token(),
        access.issuedAt(),
        claims);
  }

  // ---- revoke, userinfo, identity, introspect ----

  /** Revokes an access or refresh token; unknown tokens are {@code invalid_token}. */
  public void revoke(String token) {
    if (token == null || token.isEmpty()) {
      throw new OAuthError("unsupported_token_type", "unsupported token type");
    }
    if (!tokens.revoke(token)) {
      throw new OAuthError("invalid_token", "invalid token");
    }
  }

  /** The OpenID Connect claims of a live access token's user, or empty. */
  public Optional<Map<String, Object>> userinfo(
      LoginEnvironment environment, String accessToken, String instanceUrl) {
    return tokens
        .liveAccessToken(accessToken)
        .flatMap(
            t ->
                orgs.byId(t.orgId())
                    .filter(org -> LoginEnvironment.of(org) == environment)
                    .flatMap(org -> org.row(t.userId()))
                    .map(user -> userinfo(environment, t, user, instanceUrl)));
  }

  private static Map<String, Object> userinfo(
      LoginEnvironment environment,
      Tokens.AccessToken token,
      Map<String, Object> user,
      String instanceUrl) {
    String id = identityUrl(environment, token.orgId(), token.userId());
    var body = new LinkedHashMap<String, Object>();
    body.put("sub", id);
    body.put("user_id", token.userId());
    body.put("organization_id", token.orgId());
    body.put("preferred_username", user.get("Username"));
    body.put("nickname", user.get("Alias"));
    body.put("name", user.get("Name"));
    body.put("email", user.get("Email"));
    body.put("email_verified", true);
    body.put("given_name", user.get("FirstName"));
    body.put("family_name", user.get("LastName"));
    body.put("zoneinfo", "GMT");
    String data = instanceUrl + "/services/data/v{version}/";
    var urls = new LinkedHashMap<String, Object>();
    urls.put("enterprise", instanceUrl + "/services/Soap/c/{version}/" + token.orgId());
    urls.put("partner", instanceUrl + "/services/Soap/u/{version}/" + token.orgId());
    urls.put("rest", data);
    urls.put("sobjects", data + "sobjects/");
    urls.put("search", data + "search/");
    urls.put("query", data + "query/");
    urls.put("recent", data + "recent/");
    urls.put("profile", instanceUrl + "/" + token.userId());
    urls.put("feeds", data + "chatter/feeds");
    urls.put("groups", data + "chatter/groups");
    urls.put("users", data + "chatter/users");
    urls.put("feed_items", data + "chatter/feed-items");
    urls.put("custom_domain", instanceUrl);
    body.put("urls", urls);
    body.put("active", Boolean.TRUE.equals(user.get("IsActive")));
    body.put("user_type", "STANDARD");
    body.put("language", "en_US");
    body.put("locale", "en_US");
    body.put("utcOffset", 0);
    return body;
  }

  /**
   * The identity URL's document ({@code GET /id/<orgId>/<userId>}) for a live access token of the
   * same org; empty when the token is bad, the org is another one or the user does not exist.
   */
  public Optional<Map<String, Object>> identity(
      LoginEnvironment environment,
      String accessToken,
      String orgId,
      String userId,
      String instanceUrl) {
    return tokens
        .liveAccessToken(accessToken)
        .filter(t -> t.orgId().equals(orgId))
        .flatMap(
            t ->
                orgs.byId(t.orgId())
                    .filter(org -> LoginEnvironment.of(org) == environment)
                    .flatMap(org -> org.row(userId))
                    .filter(user -> ((String) user.get("Id")).startsWith("005"))
                    .map(user -> identity(environment, t, user, instanceUrl)));
  }

  private static Map<String, Object> identity(
      LoginEnvironment environment,
      Tokens.AccessToken token,
      Map<String, Object> user,
      String instanceUrl) {
    String userId = (String) user.get("Id");
    var claims =
        userinfo(
            environment,
            new Tokens.AccessToken(
                token.token(),
                token.orgId(),
                userId,
                token.clientId(),
                token.scopes(),
                token.issuedAt(),
                token.expiresAt(),
                token.grant()),
            user,
            instanceUrl);
    var body = new LinkedHashMap<String, Object>();
    body.put("id", identityUrl(environment, token.orgId(), userId));
    body.put("asserted_user", userId.equals(token.userId()));
    body.put("user_id", userId);
    body.put("organization_id", token.orgId());
    body.put("username", user.get("Username"));
    body.put("nick_name", user.get("Alias"));
    body.put("display_name", user.get("Name"));
    body.put("email", user.get("Email"));
    body.put("email_verified", true);
    body.put("first_name", user.get("FirstName"));
    body.put("last_name", user.get("LastName"));
    body.put("timezone", "GMT");
    body.put("urls", claims.get("urls"));
    body.put("active", claims.get("active"));
    body.put("user_type", "STANDARD");
    body.put("language", "en_US");
    body.put("locale", "en_US");
    body.put("utcOffset", 0);
    body.put("last_modified_date", user.get("LastModifiedDate").toString());
    return body;
  }

  /** RFC 7662 introspection, client-authenticated; unknown tokens are {@code active: false}. */
  public Map<String, Object> introspect(LoginEnvironment environment, TokenRequest request) {
    ConnectedApp app = authenticateClient(request, true);
    String token = request.get("token");
    var body = new LinkedHashMap<String, Object>();
    var access = tokens.liveAccessToken(token).filter(t -> t.clientId().equals(app.clientId()));
    if (access.isPresent()) {
      var t = access.get();
      describe(body, environment, t.orgId(), t.userId(), t.scopes(), app);
      body.put("exp", t.expiresAt().getEpochSecond());
      body.put("iat", t.issuedAt().getEpochSecond());
      body.put("nbf", t.issuedAt().getEpochSecond());
      body.put("token_type", "access_token");
      return body;
    }
    var refresh = tokens.liveRefreshToken(token).filter(t -> t.clientId().equals(app.clientId()));
    if (refresh.isPresent()) {
      var t = refresh.get();
      describe(body, environment, t.orgId(), t.userId(), t.scopes(), app);
      body.put("iat", t.issuedAt().getEpochSecond());
      body.put("nbf", t.issuedAt().getEpochSecond());
      body.put("token_type", "refresh_token");
      return body;
    }
    body.put("active", false);
    return body;
  }

  private void describe(
      Map<String, Object> body,
      LoginEnvironment environment,
      String orgId,
      String userId,
      Set<String> scopes,
      ConnectedApp app) {
    body.put("active", true);
    body.put("scope", String.join(" ", new TreeSet<>(scopes)));
    body.put("client_id", app.clientId());
    body.put(
        "username",
        orgs.byId(orgId).flatMap(o -> o.row(userId)).map(u -> u.get("Username")).orElse(null));
    body.put("sub", identityUrl(environment, orgId, userId));
    body.put("aud", app.clientId());
    body.put("iss", environment.loginHost() + "/");
  }

  // ---- helpers ----

  public static String identityUrl(LoginEnvironment environment, String orgId, String userId) {
    return environment.loginHost() + "/id/" + orgId + "/" + userId;
  }

  /** PKCE S256: base64url (no padding) of SHA-256 of the verifier. */
  static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String signature(String clientSecret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> grantedScopes(ConnectedApp app, String requested) {
    if (requested == null || requested.isBlank()) {
      return app.scopes();
    }
    return Arrays.stream(requested.trim().split("\\s+"))
        .filter(app.scopes()::contains)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static boolean constantTimeEquals(String given, String expected) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
