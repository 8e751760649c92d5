package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import java.time.Clock;

/**
 * Connects a company server-to-server: a JWT bearer grant at Salesforce right away proves that the
 * key, the certificate on the connected app and the pre-authorised user fit together, and only then
 * is the connection stored (CONNECTED, no refresh token: {@link ConnectionTokens} re-signs an
 * assertion whenever the access token is due). Nothing is stored when Salesforce refuses.
 */
public final class JwtBearerConnect {

  private final ConnectionStore store;
  private final JwtBearerGrants grants;
  private final JwtBearerConnections connections;
  private final TokenVault vault;
  private final Clock clock;

  public JwtBearerConnect(
      ConnectionStore store,
      JwtBearerGrants grants,
      JwtBearerConnections connections,
      TokenVault vault,
      Clock clock) {
    this.store = store;
    this.grants = grants;
    this.connections = connections;
    this.vault = vault;
    this.clock = clock;
  }

  /** Salesforce refused the grant (wrong key, unknown certificate, user not pre-authorised). */
  public static final class GrantRefused extends RuntimeException {
    GrantRefused(String reason) {
      super("Salesforce refused the JWT bearer grant: " + reason);
    }
  }

  /** Salesforce did not answer; nothing was stored, try again. */
  public static final class SalesforceUnavailable extends RuntimeException {
    SalesforceUnavailable(String reason) {
      super("Salesforce's token endpoint did not answer: " + reason);
    }
  }

  /**
   * Connects, or throws: {@link IllegalArgumentException} for a key or certificate that cannot be
   * used, {@link GrantRefused}, {@link SalesforceUnavailable}, {@link AlreadyConnected}.
   */
  public Connection connect(JwtBearerSetup setup, String actor) {
    long companyId = setup.companyId();
    store
        .live(companyId)
        .ifPresent(
            live -> {
              throw new AlreadyConnected(
                  "company "
                      + companyId
                      + " is already connected to org "
                      + live.orgId().value()
                      + "; disconnect it first");
            });
    JwtBearerGrants.FirstJwtSession first;
    try {
      first = grants.firstSession(setup);
    } catch (TokenGrants.GrantRevoked refused) {
      throw new GrantRefused(refused.getMessage());
    } catch (TokenGrants.GrantUnavailable unavailable) {
      throw new SalesforceUnavailable(unavailable.getMessage());
    }
    SealedSecret access =
        vault.seal(first.session().accessToken(), SecretSlot.accessToken(companyId));
    return connections.saveJwtBearer(setup, first, access, actor, clock.instant());
  }
}
