package com.caskr.sync.writeback.plan;

/** Interactive edits (a person in Caskr) go before backfills (bulk changes, re-pushes). */
public enum Priority {
  INTERACTIVE,
  BACKFILL
}
