package com.caskr.sync.mapping.apply;

/**
 * What applying one Salesforce change did.
 *
 * @param caskrId the Caskr row concerned, null when none
 * @param refusal why the change's tenant was refused ({@link Outcome#REFUSED}), null otherwise
 */
public record Applied(Outcome outcome, Long caskrId, TenantRefusal refusal) {

  public Applied(Outcome outcome, Long caskrId) {
    this(outcome, caskrId, null);
  }

  /** A change refused on tenancy grounds: nothing of it was read or written. */
  static Applied refused(TenantRefusal refusal) {
    return new Applied(Outcome.REFUSED, null, refusal);
  }

  /** The outcome label of crm_sync_events_total. */
  public enum Outcome {
    CREATED,
    UPDATED,
    DEACTIVATED,
    RESTORED,
    /** The event id was already in the processed-event ledger. */
    DUPLICATE,
    /** Its sourceVersion is not newer than the one already applied. */
    STALE,
    /** Our own writeback coming back from Salesforce. */
    ECHO,
    /** Logged and ignored: an opportunity stage other than Closed Won, a disabled entity. */
    SKIPPED,
    /** Waiting in crm_review_holds. */
    HELD,
    /** A conflict waits for review; nothing else of the change was applied. */
    CONFLICT,
    /**
     * Its tenant was refused (ARCHITECTURE.md §5.7): not in the ledger, nothing read or written;
     * the caller dead-letters it (a mismatch at once, an unconnected company after its retries).
     */
    REFUSED;

    /** Whether Caskr now reflects the change (counts toward latency). */
    public boolean applied() {
      return this == CREATED || this == UPDATED || this == DEACTIVATED || this == RESTORED;
    }
  }
}
