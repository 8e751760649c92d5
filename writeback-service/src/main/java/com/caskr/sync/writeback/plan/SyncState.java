package com.caskr.sync.writeback.plan;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The sync's records the pusher reads and writes: field mappings, Caskr rows, record pairs with
 * their snapshots, the sync log, review holds and the conflict queue.
 */
public interface SyncState {

  /** The target's active field mappings for the company (its own rows over the defaults). */
  List<FieldRule> fieldRules(long companyId, Target target);

  /** The rows that still exist, by id. */
  Map<Long, CaskrRow> rows(long companyId, Target target, Collection<Long> caskrIds);

  /** Active record pairs, by Caskr id. */
  Map<Long, Link> links(long companyId, Target target, Collection<Long> caskrIds);

  /**
   * Salesforce took the writes (one transaction for all of them): each pair is created or its
   * snapshot updated so the CDC echo is recognised, a new record's id goes into the Caskr row
   * (tagged as the sync), and the log gets a SUCCESS row per write.
   */
  void written(String orgId, List<WrittenRow> rows);

  /**
   * Salesforce already had these values (by Caskr id): they join the snapshots, nothing is written.
   */
  void agreed(long companyId, Target target, Map<Long, Map<String, Object>> values);

  /** The linked record is gone in Salesforce: the pair is marked DELETED and logged. */
  void gone(String orgId, Write write, RowOutcome.Gone outcome);

  /** Salesforce refused the row as invalid: it waits in the review queue (OUTBOUND). */
  void held(String orgId, Write write, RowOutcome.Invalid outcome);

  /** The row could not be written and will not be retried. */
  void failed(String orgId, Write write, String code, String message, int retries);

  /**
   * A conflict goes to the queue mapping-service's conflicts use, and its event to the outbox in
   * the same transaction (published to its topic after the commit).
   */
  void conflict(String orgId, Conflict conflict);

  /** A write Salesforce took, with its answer. */
  record WrittenRow(Write write, RowOutcome.Written outcome) {}
}
