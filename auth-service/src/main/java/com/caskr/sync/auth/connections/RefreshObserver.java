package com.caskr.sync.auth.connections;

/** Hears every refresh attempt's outcome (the adapter counts and logs them). */
public interface RefreshObserver {

  /** How a refresh ended. */
  enum Outcome {
    REFRESHED,
    /** invalid_grant: the connection now needs a reconnect. */
    REVOKED,
    /** Transient failures outlasted the retries. */
    FAILED
  }

  void refreshed(long companyId, Outcome outcome, String reason);
}
