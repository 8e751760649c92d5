package com.caskr.sync.writeback.plan;

/** What Salesforce answered for one row of a collections call. */
public sealed interface RowOutcome {

  /** Written; {@code created} for an upsert that inserted. */
  record Written(String salesforceId, boolean created) implements RowOutcome {}

  /** ENTITY_IS_DELETED or NOT_FOUND: the linked record is gone. */
  record Gone(String code, String message) implements RowOutcome {}

  /** A validation error: a person must look at it. */
  record Invalid(String code, String message) implements RowOutcome {}

  /** UNABLE_TO_LOCK_ROW: try again shortly, with jitter. */
  record Locked(String message) implements RowOutcome {}

  /** Anything else; {@code retryable} as Salesforce's error says. */
  record Failed(String code, String message, boolean retryable) implements RowOutcome {}
}
