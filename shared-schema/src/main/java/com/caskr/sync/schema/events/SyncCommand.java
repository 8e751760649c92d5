package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What an operator (or a scheduler) asked the sync to do. On the wire a JSON object whose {@code
 * type} property names the command.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SyncCommand.SyncNow.class, name = "SYNC_NOW"),
  @JsonSubTypes.Type(value = SyncCommand.ResyncRecord.class, name = "RESYNC_RECORD"),
  @JsonSubTypes.Type(value = SyncCommand.Reconcile.class, name = "RECONCILE"),
  @JsonSubTypes.Type(value = SyncCommand.RedriveDeadLetters.class, name = "REDRIVE_DEAD_LETTERS")
})
public sealed interface SyncCommand {

  /**
   * Pull changes from Salesforce now instead of waiting for the next poll.
   *
   * @param entity the object to sync, or null for all of them
   * @param since INCREMENTAL only, optional (added in v1 by addition): poll from this instant
   *     instead of the stored cursor, e.g. the window a Pub/Sub GAP_OVERFLOW event covers; null
   *     means from the cursor
   */
  record SyncNow(
      SalesforceEntity entity,
      SyncMode mode,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant since)
      implements SyncCommand {
    public SyncNow {
      Checks.required("SyncNow", "mode", mode);
      if (since != null && mode != SyncMode.INCREMENTAL) {
        throw Checks.invalid("SyncNow", "since", "is only meaningful with mode INCREMENTAL");
      }
    }

    /** From the cursor (INCREMENTAL) or everything (FULL). */
    public SyncNow(SalesforceEntity entity, SyncMode mode) {
      this(entity, mode, null);
    }
  }

  /** Read one record from Salesforce again and sync it, whatever its modstamp. */
  record ResyncRecord(SalesforceEntity entity, SalesforceId recordId) implements SyncCommand {
    public ResyncRecord {
      Checks.required("ResyncRecord", "entity", entity);
      Checks.required("ResyncRecord", "recordId", recordId);
      Checks.keyPrefix("ResyncRecord", "recordId", recordId, entity.keyPrefix());
    }
  }

  /**
   * Compare Ids and SystemModstamps on both sides (Bulk API sweep) and repair the differences.
   *
   * @param entity the object to reconcile, or null for all of them
   * @param reason optional (added in v1 by addition): why it is asked for; null means MANUAL
   */
  record Reconcile(
      SalesforceEntity entity, @JsonInclude(JsonInclude.Include.NON_NULL) ReconcileReason reason)
      implements SyncCommand {

    /** An operator's request. */
    public Reconcile(SalesforceEntity entity) {
      this(entity, null);
    }
  }

  /**
   * Publish dead letters back to their original topic after a fix.
   *
   * @param dlqTopic a {@code <topic>.dlq} name
   * @param maxCount at most this many messages, or null for all of them
   */
  record RedriveDeadLetters(String dlqTopic, Integer maxCount) implements SyncCommand {
    private static final Pattern DLQ_TOPIC = Pattern.compile("[a-z0-9.\\-]+\\.dlq");

    public RedriveDeadLetters {
      Checks.text("RedriveDeadLetters", "dlqTopic", dlqTopic);
      if (!DLQ_TOPIC.matcher(dlqTopic).matches()) {
        throw Checks.invalid(
            "RedriveDeadLetters",
            "dlqTopic",
            "must be a dead-letter topic name (<topic>.dlq): " + Checks.excerpt(dlqTopic));
      }
      if (maxCount != null && maxCount < 1) {
        throw Checks.invalid("RedriveDeadLetters", "maxCount", "must be at least 1 when set");
      }
    }
  }
}
