package com.caskr.sync.salesforce.pubsub;

/**
 * What a subscriber does when Salesforce rejects its stored replay id ({@code replayid.corrupted}:
 * corrupt, or older than the 72-hour retention). Events were lost either way, so every choice also
 * tells the caller through {@link ReplayIdExpired} to reconcile (gotcha 12).
 */
public enum ReplayRecovery {
  /** Resubscribe from the oldest retained event (Salesforce's example). */
  FALLBACK_TO_EARLIEST,
  /** Resubscribe from new events only (Camel's {@code fallbackToLatestReplayId}). */
  FALLBACK_TO_LATEST,
  /** Stop the subscription with {@link PubSubException.Reason#REPLAY_ID_EXPIRED}. */
  FAIL
}
