package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.SecretUnreadable;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.SalesforceId;
import java.time.Clock;

/**
 * An admin disconnects a company from Salesforce: the stored grant is revoked at Salesforce (the
 * refresh token, or the access token of a JWT bearer connection, which has none), then the tokens
 * are wiped whatever Salesforce answered, so a failed revocation never keeps them here. Runs under
 * {@link ConnectionStore#exclusively}, so it waits for a refresh in flight instead of racing it.
 */
public final class Disconnection {

  private final ConnectionStore store;
  private final TokenRevocation revocation;
  private final TokenVault vault;
  private final Clock clock;

  public Disconnection(
      ConnectionStore store, TokenRevocation revocation, TokenVault vault, Clock clock) {
    this.store = store;
    this.revocation = revocation;
    this.vault = vault;
    this.clock = clock;
  }

  /**
   * What a disconnect did.
   *
   * @param revocationFailure why Salesforce did not confirm the revocation, or null if it did
   */
  public record Disconnected(long companyId, SalesforceId orgId, String revocationFailure) {}

  /**
   * Disconnects the company's live connection (CONNECTED or NEEDS_RECONNECT).
   *
   * @throws TokenUnavailable.NotConnected when there is none
   */
  public Disconnected disconnect(long companyId, String actor) {
    return store.exclusively(
        companyId,
        () -> {
          Connection connection =
              store.live(companyId).orElseThrow(() -> new TokenUnavailable.NotConnected(companyId));
          String failure = revoke(connection);
          if (!store.disconnect(connection, actor, failure == null, clock.instant())) {
            // Refreshes and disconnects of this company are serialised by the lock.
            throw new IllegalStateException(
                "company " + companyId + "'s connection changed during a locked disconnect");
          }
          return new Disconnected(companyId, connection.orgId(), failure);
        });
  }

  private String revoke(Connection connection) {
    long companyId = connection.companyId();
    Secret grant;
    try {
      grant =
          connection.refreshToken() != null
              ? vault.open(connection.refreshToken(), SecretSlot.refreshToken(companyId))
              : vault.open(connection.accessToken(), SecretSlot.accessToken(companyId));
    } catch (SecretUnreadable unreadable) {
      // A token the vault cannot open cannot be revoked either; it is wiped all the same.
      return "the stored token could not be opened to revoke it";
    }
    try {
      revocation.revoke(connection, grant);
      return null;
    } catch (TokenRevocation.RevocationFailed failed) {
      return failed.getMessage();
    }
  }
}
