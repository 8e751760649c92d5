package com.caskr.sync.schema.events;

public enum SyncMode {
  /** Records modified since the last cursor. */
  INCREMENTAL,
  /** Every record, ignoring cursors. */
  FULL
}
