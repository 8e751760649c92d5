package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;

/** Salesforce's token endpoint, as the refresh needs it (the adapter uses salesforce-api). */
public interface TokenGrants {

  /** A new session from a refresh token (web-server connections). */
  RefreshedSession refresh(Connection connection, Secret refreshToken)
      throws GrantRevoked, GrantUnavailable;

  /** A new session from a fresh JWT assertion (JWT bearer connections). */
  RefreshedSession jwtBearer(Connection connection) throws GrantRevoked, GrantUnavailable;

  /** Salesforce said {@code invalid_grant}: only a new consent helps. */
  final class GrantRevoked extends Exception {
    public GrantRevoked(String reason) {
      super(reason);
    }
  }

  /** A network error, a timeout or a 5xx: worth retrying. */
  final class GrantUnavailable extends Exception {
    public GrantUnavailable(String reason) {
      super(reason);
    }
  }
}
