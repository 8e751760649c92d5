package com.caskr.sync.schema.events;

/** What mapping-service did to the Caskr row. */
public enum SyncOutcome {
  CREATED,
  UPDATED,
  /** The Salesforce record was deleted; Caskr keeps the row, inactive. */
  DEACTIVATED,
  /** The Salesforce record was undeleted; the row is active again. */
  RESTORED
}
