package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The OAuth web-server connect flow with PKCE S256 (issue 4). {@link #start} makes a 256-bit random
 * {@code state} bound to the admin's session and a PKCE verifier sealed in the vault; {@link
 * #consume} takes that state back once (same session, unexpired, unused); {@link #complete}
 * exchanges the code at the same login host and stores the connection. Tokens are sealed before
 * they reach the store and never appear in an outcome.
 */
public final class Connecting {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final PendingAuthorizations pending;
  private final SalesforceConsent salesforce;
  private final ConnectionStore store;
  private final TokenVault vault;
  private final Clock clock;
  private final Duration stateTtl;
  private final SecureRandom random = new SecureRandom();

  public Connecting(
      PendingAuthorizations pending,
      SalesforceConsent salesforce,
      ConnectionStore store,
      TokenVault vault,
      Clock clock,
      Duration stateTtl) {
    this.pending = pending;
    this.salesforce = salesforce;
    this.store = store;
    this.vault = vault;
    this.clock = clock;
    if (stateTtl.isNegative() || stateTtl.isZero()) {
      throw new IllegalArgumentException("the state's lifetime must be positive");
    }
    this.stateTtl = stateTtl;
  }

  /**
   * Starts a flow for {@code companyId}: the URL to send the admin to.
   *
   * @param myDomain the org's My Domain host for {@code CUSTOM_DOMAIN}; ignored otherwise
   * @throws IllegalArgumentException when {@code myDomain} is not a Salesforce My Domain host
   */
  public URI start(
      long companyId,
      SalesforceEnvironment environment,
      String myDomain,
      String admin,
      String sessionId) {
    Objects.requireNonNull(environment, "environment");
    String loginHost = salesforce.loginHost(environment, myDomain);
    String state = random(32);
    String verifier = random(32);
    SalesforceConsent.Authorize authorize =
        salesforce.authorize(loginHost, environment, state, challengeOf(verifier));
    SealedSecret sealed = vault.seal(Secret.of(verifier), SecretSlot.pkceVerifier(companyId));
    pending.save(
        new PendingAuthorization(
            companyId, admin, environment, loginHost, sealed, authorize.redirectUri()),
        sha256(state),
        sha256(sessionId),
        stateTtl);
    return authorize.url();
  }

  /** The flow this callback's state belongs to, taken once; empty when used, expired or foreign. */
  public Optional<PendingAuthorization> consume(String state, String sessionId) {
    if (state == null || state.isEmpty() || state.length() > 200 || sessionId == null) {
      return Optional.empty();
    }
    return pending.consume(sha256(state), sha256(sessionId));
  }

  /** Exchanges the callback's code and stores the connection (or says why not). */
  public ConnectOutcome complete(PendingAuthorization flow, String code, String admin) {
    long company = flow.companyId();
    Secret verifier = vault.open(flow.verifier(), SecretSlot.pkceVerifier(company));
    ConsentedSession session;
    try {
      session =
          salesforce.exchange(
              flow.loginHost(), flow.environment(), code, verifier, flow.redirectUri());
    } catch (TokenGrants.GrantRevoked refused) {
      return new ConnectOutcome.Refused(
          company, "Salesforce refused the authorization (" + refused.getMessage() + ").");
    } catch (TokenGrants.GrantUnavailable unavailable) {
      return new ConnectOutcome.Refused(
          company,
          "Salesforce could not be reached to finish the connection ("
              + unavailable.getMessage()
              + "). Try again in a moment.");
    }
    if (session.refreshToken() == null) {
      salesforce.revokeQuietly(flow.loginHost(), flow.environment(), session.accessToken());
      return new ConnectOutcome.Refused(
          company,
          "Salesforce granted no refresh token: the connected app must allow the refresh_token"
              + " scope.");
    }
    NewConnection connection =
        new NewConnection(
            company,
            session.orgId(),
            session.userId(),
            session.instanceUrl(),
            flow.loginHost(),
            flow.environment(),
            session.scopes(),
            vault.seal(session.accessToken(), SecretSlot.accessToken(company)),
            vault.seal(session.refreshToken(), SecretSlot.refreshToken(company)),
            session.issuedAt(),
            admin,
            clock.instant());
    return switch (store.connect(connection)) {
      case ConnectResult.Connected connected ->
          new ConnectOutcome.Connected(
              company,
              session.orgId(),
              session.userId(),
              flow.environment(),
              session.instanceUrl(),
              connected.reconnected());
      case ConnectResult.AnotherOrgConnected other -> {
        salesforce.revokeQuietly(flow.loginHost(), flow.environment(), session.refreshToken());
        yield new ConnectOutcome.Refused(
            company,
            "Company "
                + company
                + " is already connected to Salesforce org "
                + other.connectedOrg().value()
                + ", not "
                + session.orgId().value()
                + ". Disconnect that org first, then connect the new one.");
      }
      case ConnectResult.OrgConnectedElsewhere elsewhere -> {
        salesforce.revokeQuietly(flow.loginHost(), flow.environment(), session.refreshToken());
        yield new ConnectOutcome.Refused(
            company,
            "Salesforce org "
                + session.orgId().value()
                + " is already connected to another Caskr company. An org can serve one company"
                + " only.");
      }
    };
  }

  private String random(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return BASE64URL.encodeToString(value);
  }

  /** PKCE S256: base64url(SHA-256(verifier)) without padding (RFC 7636). */
  static String challengeOf(String verifier) {
    return BASE64URL.encodeToString(sha256(verifier));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
