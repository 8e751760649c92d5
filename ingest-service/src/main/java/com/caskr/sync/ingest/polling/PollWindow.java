package com.caskr.sync.ingest.polling;

import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.time.Instant;

/**
 * What one poll reads (gotcha 7): every row, live or in the recycle bin (queryAll), whose
 * SystemModstamp is at or after the cursor minus the overlap, oldest first. The overlap re-reads
 * rows that long transactions committed with a SystemModstamp older than the last poll; what was
 * already published is dropped by {@link SeenVersions}.
 *
 * @param since null for every record (no cursor yet, or a full sync)
 */
record PollWindow(SalesforceEntity entity, Instant since) {

  static PollWindow after(SalesforceEntity entity, PollCursor cursor, Duration overlap) {
    return new PollWindow(entity, cursor == null ? null : cursor.systemModstamp().minus(overlap));
  }

  static PollWindow everything(SalesforceEntity entity) {
    return new PollWindow(entity, null);
  }

  /** SOQL datetime literals are unquoted UTC (gotcha 18). */
  String soql(EntityFields fields) {
    return "SELECT "
        + fields.selectList(entity)
        + " FROM "
        + entity.apiName()
        + (since == null ? "" : " WHERE SystemModstamp >= " + Soql.literal(since))
        + " ORDER BY SystemModstamp, Id";
  }
}
