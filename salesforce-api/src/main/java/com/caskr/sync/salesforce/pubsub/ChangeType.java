package com.caskr.sync.salesforce.pubsub;

/** The {@code changeType} of a CDC event, gap and overflow events included (§4.3, gotcha 13). */
public enum ChangeType {
  CREATE,
  UPDATE,
  DELETE,
  UNDELETE,
  /** Header only: re-read the records by id. */
  GAP_CREATE,
  /** Header only: re-read the records by id. */
  GAP_UPDATE,
  /** Header only: re-read the records by id. */
  GAP_DELETE,
  /** Header only: re-read the records by id. */
  GAP_UNDELETE,
  /** A transaction passed 100,000 changes: no record ids; re-sync the entity in bulk. */
  GAP_OVERFLOW;

  /** True for the header-only events that tell the subscriber to re-read rather than apply. */
  public boolean isGap() {
    return name().startsWith("GAP_");
  }
}
