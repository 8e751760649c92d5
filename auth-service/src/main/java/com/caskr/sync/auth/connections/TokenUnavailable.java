package com.caskr.sync.auth.connections;

/**
 * Why the token API has no token to give; each maps to one HTTP answer of the internal API. The
 * messages name companies and states, never tokens.
 */
public abstract sealed class TokenUnavailable extends RuntimeException {

  TokenUnavailable(String message) {
    super(message);
  }

  /** The company has no live connection (never connected, or disconnected): 404. */
  public static final class NotConnected extends TokenUnavailable {
    NotConnected(long companyId) {
      super("company " + companyId + " has no Salesforce connection");
    }
  }

  /** The grant was revoked or expired; an admin must reconnect: 409. */
  public static final class NeedsReconnect extends TokenUnavailable {
    NeedsReconnect(long companyId) {
      super("company " + companyId + "'s Salesforce connection needs an admin to reconnect");
    }
  }

  /** Salesforce's token endpoint failed after retries: 503, try again later. */
  public static final class RefreshFailed extends TokenUnavailable {
    RefreshFailed(long companyId, String reason) {
      super("refreshing company " + companyId + "'s Salesforce token failed: " + reason);
    }
  }
}
