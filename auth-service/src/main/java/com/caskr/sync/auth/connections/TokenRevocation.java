package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;

/** Salesforce's revoke endpoint (the adapter uses salesforce-api). */
public interface TokenRevocation {

  /**
   * Revokes a token of the connection at its login host; a refresh token takes its access tokens
   * with it.
   */
  void revoke(Connection connection, Secret token) throws RevocationFailed;

  /** Salesforce did not confirm the revocation; the reason names codes, never the token. */
  final class RevocationFailed extends Exception {
    public RevocationFailed(String reason) {
      super(reason);
    }
  }
}
