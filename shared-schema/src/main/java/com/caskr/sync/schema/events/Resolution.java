package com.caskr.sync.schema.events;

/** Which value a resolved conflict kept. */
public enum Resolution {
  KEEP_CASKR,
  KEEP_SALESFORCE,
  /** A value from neither side, typed by a reviewer; see {@link ConflictResolved#resolvedValue}. */
  MERGED,
  /**
   * A reviewer closed the conflict without a value: neither side was changed, {@link
   * ConflictResolved#resolvedValue} is null, and nothing is pushed to Salesforce.
   */
  DISMISSED
}
