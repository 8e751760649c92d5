package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;

/**
 * Salesforce's side of the connect flow (the adapter uses salesforce-api): where an admin logs in,
 * the authorize URL, and the code exchange at the same login host.
 */
public interface SalesforceConsent {

  /**
   * The login host ({@code host[:port]}) of a new connection: login.salesforce.com,
   * test.salesforce.com or the org's My Domain host.
   *
   * @param myDomain required for {@code CUSTOM_DOMAIN}, ignored otherwise
   * @throws IllegalArgumentException when {@code myDomain} is not a Salesforce My Domain host
   */
  String loginHost(SalesforceEnvironment environment, String myDomain);

  /** The authorize URL at {@code loginHost} for this state and PKCE S256 challenge. */
  Authorize authorize(
      String loginHost, SalesforceEnvironment environment, String state, String codeChallenge);

  /**
   * Exchanges the callback's code with the PKCE verifier at the login host the flow started on, and
   * learns who consented.
   */
  ConsentedSession exchange(
      String loginHost,
      SalesforceEnvironment environment,
      String code,
      Secret verifier,
      String redirectUri)
      throws TokenGrants.GrantRevoked, TokenGrants.GrantUnavailable;

  /** Revokes a token that will not be kept; failures are ignored (it expires anyway). */
  void revokeQuietly(String loginHost, SalesforceEnvironment environment, Secret token);

  /**
   * Where to send the admin, and the redirect URI it names (the exchange must send the same).
   *
   * @param url the authorize URL
   * @param redirectUri the callback Salesforce redirects to
   */
  record Authorize(URI url, String redirectUri) {}
}
