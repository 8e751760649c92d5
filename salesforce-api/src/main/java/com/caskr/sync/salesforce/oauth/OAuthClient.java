package com.caskr.sync.salesforce.oauth;

import com.caskr.sync.salesforce.errors.ApiError;
import com.caskr.sync.salesforce.errors.ConnectionFailed;
import com.caskr.sync.salesforce.errors.SessionExpired;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.schema.SalesforceId;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.0 endpoints of one login host for one connected app: the web-server flow with PKCE,
 * refresh (with rotation), JWT bearer, revoke, userinfo and introspect. Thread-safe. Errors are
 * {@link TokenRequestFailed} with Salesforce's {@code error}/{@code error_description}; tokens
 * never appear in messages.
 */
public final class OAuthClient {

  /** Salesforce allows a JWT assertion to expire at most about three minutes ahead. */
  public static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(2);

  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final LoginHost host;
  private final ClientCredentials client;
  private final Clock clock;

  public OAuthClient(HttpClient http, LoginHost host, ClientCredentials client, Clock clock) {
    this.http = http;
    this.host = host;
    this.client = client;
    this.clock = clock;
  }

  public OAuthClient(HttpClient http, LoginHost host, ClientCredentials client) {
    this(http, host, client, Clock.systemUTC());
  }

  public LoginHost host() {
    return host;
  }

  /**
   * Starts a web-server flow: the authorize URL with a fresh {@code state} and PKCE S256 challenge.
   *
   * @param scopes e.g. {@code api refresh_token id}; empty for the app's defaults
   */
  public AuthorizationRequest authorizationRequest(String redirectUri, Set<String> scopes) {
    Pkce pkce = Pkce.generate();
    String state = Pkce.randomState();
    var params = new LinkedHashMap<String, String>();
    params.put("response_type", "code");
    params.put("client_id", client.clientId());
    params.put("redirect_uri", redirectUri);
    if (!scopes.isEmpty()) {
      params.put("scope", String.join(" ", scopes));
    }
    params.put("state", state);
    params.put("code_challenge", pkce.challenge());
    URI url = URI.create(host.endpoint("authorize") + "?" + form(params));
    return new AuthorizationRequest(url, redirectUri, state, pkce);
  }

  /** Exchanges the callback's code (with the PKCE verifier of the same request). */
  public TokenResponse exchangeCode(String code, AuthorizationRequest request) {
    var params = new LinkedHashMap<String, String>();
    params.put("grant_type", "authorization_code");
    params.put("code", code);
    params.put("client_id", client.clientId());
    putSecret(params);
    params.put("redirect_uri", request.redirectUri());
    params.put("code_verifier", request.pkce().verifier());
    return token(params);
  }

  /**
   * A new access token for a refresh token. When the app rotates refresh tokens the response
   * carries the new one and the old one is already dead: persist {@link
   * TokenResponse#newRefreshToken()} before using the access token (gotcha 2).
   */
  public TokenResponse refresh(String refreshToken) {
    var params = new LinkedHashMap<String, String>();
    params.put("grant_type", "refresh_token");
    params.put("refresh_token", refreshToken);
    params.put("client_id", client.clientId());
    putSecret(params);
    return token(params);
  }

  /** Server-to-server: an RS256 assertion for a pre-authorised user (no refresh token comes). */
  public TokenResponse jwtBearer(String username, PrivateKey key) {
    var params = new LinkedHashMap<String, String>();
    params.put("grant_type", JWT_BEARER);
    params.put("assertion", assertion(username, key));
    return token(params);
  }

  /** The signed assertion: iss = consumer key, sub = username, aud = login host, exp ≤ 3 min. */
  String assertion(String username, PrivateKey key) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(client.clientId())
            .subject(username)
            .audience(host.audience())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("Cannot sign the JWT assertion with this key", e);
    }
    return jwt.serialize();
  }

  /** Revokes an access or refresh token (a refresh token takes its access tokens with it). */
  public void revoke(String token) {
    HttpResponse<String> response = post(host.endpoint("revoke"), form(Map.of("token", token)));
    if (response.statusCode() != 200) {
      throw failure(response);
    }
  }

  /** Who a token belongs to; {@link SessionExpired} when the token is dead. */
  public UserInfo userInfo(String accessToken) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(host.endpoint("userinfo"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build());
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new SessionExpired(
          response.statusCode(),
          List.of(new ApiError("Bad_OAuth_Token", "userinfo refused the token", List.of())));
    }
    if (response.statusCode() != 200) {
      throw failure(response);
    }
    JsonNode body = json(response);
    Map<String, Object> claims = JSON.convertValue(body, Map.class);
    return new UserInfo(
        text(body, "sub"),
        SalesforceId.of(text(body, "user_id")),
        SalesforceId.of(text(body, "organization_id")),
        text(body, "preferred_username"),
        text(body, "email"),
        claims);
  }

  /** Whether a token is live, and until when (client-authenticated). */
  public Introspection introspect(String token) {
    var params = new LinkedHashMap<String, String>();
    params.put("token", token);
    params.put("client_id", client.clientId());
    putSecret(params);
    HttpResponse<String> response = post(host.endpoint("introspect"), form(params));
    if (response.statusCode() != 200) {
      throw failure(response);
    }
    JsonNode body = json(response);
    if (!body.path("active").asBoolean(false)) {
      return Introspection.INACTIVE;
    }
    JsonNode exp = body.get("exp");
    return new Introspection(
        true,
        text(body, "scope"),
        text(body, "client_id"),
        text(body, "username"),
        exp == null || exp.isNull() ? null : Instant.ofEpochSecond(exp.asLong()),
        text(body, "token_type"));
  }

  private TokenResponse token(Map<String, String> params) {
    HttpResponse<String> response = post(host.endpoint("token"), form(params));
    if (response.statusCode() != 200) {
      throw failure(response);
    }
    return parseToken(json(response));
  }

  static TokenResponse parseToken(JsonNode body) {
    String issuedAt = text(body, "issued_at");
    String instanceUrl = text(body, "instance_url");
    String id = text(body, "id");
    if (issuedAt == null || instanceUrl == null || id == null) {
      throw new TokenRequestFailed(
          200, "invalid_response", "token response without issued_at, instance_url or id");
    }
    Instant issued;
    try {
      issued = Instant.ofEpochMilli(Long.parseLong(issuedAt));
    } catch (NumberFormatException e) {
      throw new TokenRequestFailed(
          200, "invalid_response", "issued_at is not epoch milliseconds: " + issuedAt);
    }
    String scope = text(body, "scope");
    Set<String> scopes =
        scope == null || scope.isBlank()
            ? Set.of()
            : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    return new TokenResponse(
        text(body, "access_token"),
        text(body, "refresh_token"),
        URI.create(instanceUrl),
        Identity.parse(id),
        issued,
        text(body, "signature"),
        scopes,
        text(body, "token_type"),
        text(body, "id_token"));
  }

  private void putSecret(Map<String, String> params) {
    if (client.clientSecret() != null) {
      params.put("client_secret", client.clientSecret());
    }
  }

  private HttpResponse<String> post(URI uri, String form) {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectionFailed("OAuth request to " + request.uri().getPath(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionFailed(
          "OAuth request to " + request.uri().getPath(), new IOException("interrupted", e));
    }
  }

  private static TokenRequestFailed failure(HttpResponse<String> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body != null && body.has("error")) {
        return new TokenRequestFailed(
            response.statusCode(), text(body, "error"), text(body, "error_description"));
      }
    } catch (JacksonException e) {
      // Not JSON: described by the status below.
    }
    return new TokenRequestFailed(
        response.statusCode(), "unexpected_response", "HTTP " + response.statusCode());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new TokenRequestFailed(response.statusCode(), "invalid_response", "not JSON");
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asString();
  }

  static String form(Map<String, String> params) {
    var joiner = new StringJoiner("&");
    params.forEach(
        (name, value) ->
            joiner.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joiner.toString();
  }
}
