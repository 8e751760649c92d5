package com.caskr.sync.schema.events;

/** Which value a resolved conflict kept. */
public enum Resolution {
  KEEP_CASKR,
  KEEP_SALESFORCE,
  /** A value from neither side, typed by a reviewer; see {@link ConflictResolved#resolvedValue}. */
  MERGED
}
