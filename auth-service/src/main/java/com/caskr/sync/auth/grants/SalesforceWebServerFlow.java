package com.caskr.sync.auth.grants;

import com.caskr.sync.auth.connections.ConsentedSession;
import com.caskr.sync.auth.connections.SalesforceConsent;
import com.caskr.sync.auth.connections.TokenGrants.GrantRevoked;
import com.caskr.sync.auth.connections.TokenGrants.GrantUnavailable;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.salesforce.errors.ConnectionFailed;
import com.caskr.sync.salesforce.errors.SessionExpired;
import com.caskr.sync.salesforce.errors.TokenRequestFailed;
import com.caskr.sync.salesforce.oauth.AuthorizationRequest;
import com.caskr.sync.salesforce.oauth.ClientCredentials;
import com.caskr.sync.salesforce.oauth.LoginHost;
import com.caskr.sync.salesforce.oauth.OAuthClient;
import com.caskr.sync.salesforce.oauth.Pkce;
import com.caskr.sync.salesforce.oauth.TokenResponse;
import com.caskr.sync.salesforce.oauth.UserInfo;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link SalesforceConsent} through salesforce-api's {@link OAuthClient}: the authorize URL with
 * PKCE S256, the code exchange at the same login host, then who consented. The org and user come
 * from the token's identity URL and must match what userinfo at the same host says about the new
 * token; with a client secret configured, the response's signature must match it too.
 */
public final class SalesforceWebServerFlow implements SalesforceConsent {

  private final HttpClient http;
  private final SalesforceProperties app;
  private final WebServerFlowProperties flow;
  private final LoginHosts hosts;
  private final Clock clock;

  public SalesforceWebServerFlow(
      HttpClient http,
      SalesforceProperties app,
      WebServerFlowProperties flow,
      LoginHosts hosts,
      Clock clock) {
    this.http = http;
    this.app = app;
    this.flow = flow;
    this.hosts = hosts;
    this.clock = clock;
  }

  @Override
  public String loginHost(SalesforceEnvironment environment, String myDomain) {
    return hosts.forNewConnection(environment, myDomain);
  }

  @Override
  public Authorize authorize(
      String loginHost, SalesforceEnvironment environment, String state, String codeChallenge) {
    configured();
    var params = new LinkedHashMap<String, String>();
    params.put("response_type", "code");
    params.put("client_id", app.clientId());
    params.put("redirect_uri", flow.redirectUri().toString());
    params.put("scope", String.join(" ", new TreeSet<>(flow.scopes())));
    params.put("state", state);
    params.put("code_challenge", codeChallenge);
    LoginHost host = hosts.forConnection(loginHost, environment);
    URI url = URI.create(host.baseUrl() + "/services/oauth2/authorize?" + form(params));
    return new Authorize(url, flow.redirectUri().toString());
  }

  @Override
  public ConsentedSession exchange(
      String loginHost,
      SalesforceEnvironment environment,
      String code,
      Secret verifier,
      String redirectUri)
      throws GrantRevoked, GrantUnavailable {
    configured();
    if (code == null || code.isBlank() || code.length() > 1000) {
      throw new GrantRevoked("the callback carries no authorization code");
    }
    OAuthClient oauth = client(loginHost, environment);
    TokenResponse tokens;
    UserInfo user;
    try {
      // The state was checked by the caller; the request only carries the redirect URI and PKCE.
      tokens =
          oauth.exchangeCode(
              code,
              new AuthorizationRequest(
                  oauth.host().baseUrl(), redirectUri, "", Pkce.of(verifier.reveal())));
      if (app.clientSecret() != null && !tokens.signatureMatches(app.clientSecret())) {
        throw new GrantRevoked(
            "the token response's signature does not match the connected app's secret");
      }
      user = oauth.userInfo(tokens.accessToken());
    } catch (ConnectionFailed e) {
      throw new GrantUnavailable("the token endpoint at " + loginHost + " did not answer");
    } catch (SessionExpired e) {
      throw new GrantRevoked("userinfo refused the new access token");
    } catch (TokenRequestFailed e) {
      String reason = e.error() + (e.errorDescription() == null ? "" : ": " + e.errorDescription());
      if (e.status() >= 500 || e.status() == 429) {
        throw new GrantUnavailable("HTTP " + e.status() + " " + reason);
      }
      throw new GrantRevoked(reason);
    }
    if (!user.organizationId().equals(tokens.identity().orgId())
        || !user.userId().equals(tokens.identity().userId())) {
      throw new GrantRevoked("userinfo names another org or user than the token's identity URL");
    }
    return new ConsentedSession(
        Secret.of(tokens.accessToken()),
        tokens.newRefreshToken().map(Secret::of).orElse(null),
        tokens.instanceUrl(),
        tokens.identity().orgId(),
        tokens.identity().userId(),
        tokens.scopes(),
        tokens.issuedAt());
  }

  @Override
  public void revokeQuietly(String loginHost, SalesforceEnvironment environment, Secret token) {
    try {
      client(loginHost, environment).revoke(token.reveal());
    } catch (RuntimeException ignored) {
      // Best effort: an unrevoked token of a refused connection expires with its session.
    }
  }

  private OAuthClient client(String loginHost, SalesforceEnvironment environment) {
    return new OAuthClient(
        http,
        hosts.forConnection(loginHost, environment),
        new ClientCredentials(app.clientId(), app.clientSecret()),
        clock);
  }

  private void configured() {
    if (app.clientId() == null) {
      throw new IllegalStateException(
          "auth.salesforce.client-id (the connected app's consumer key) is not configured");
    }
    if (flow.redirectUri() == null) {
      throw new IllegalStateException("auth.salesforce.redirect-uri is not configured");
    }
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
