package com.caskr.sync.schema.events;

/** Why a reconciliation is asked for. */
public enum ReconcileReason {
  /** An operator asked. */
  MANUAL,
  /** The daily schedule. */
  SCHEDULED,
  /** A Pub/Sub replay id expired or was corrupt: events may have been missed. */
  REPLAY_ID_INVALID,
  /** Salesforce reported a CDC gap or overflow it could not describe record by record. */
  GAP_OVERFLOW
}
