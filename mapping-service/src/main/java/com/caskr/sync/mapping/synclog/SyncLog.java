package com.caskr.sync.mapping.synclog;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes crm_sync_logs rows for inbound events, in the caller's transaction. */
public final class SyncLog {

  private static final int MAX_MESSAGE = 2000;

  private final JdbcClient jdbc;

  public SyncLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(SyncLogEntry entry) {
    boolean created = entry.operation().equals("CREATE");
    boolean updated = !created && entry.status().equals("SUCCESS");
    String message = entry.errorMessage();
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    jdbc.sql(
            "INSERT INTO mapping.crm_sync_logs (company_id, org_id, entity, direction, operation,"
                + " source, salesforce_id, caskr_id, status, error_code, error_message,"
                + " records_processed, records_created, records_updated, records_failed,"
                + " duration_ms, event_id, trace_id, started_at, completed_at)"
                + " VALUES (?, ?, ?, 'INBOUND', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?,"
                + " greatest(0, (extract(epoch from clock_timestamp() - ?) * 1000)::bigint),"
                + " ?, ?, ?, greatest(clock_timestamp(), ?))")
        .params(
            entry.companyId(),
            entry.orgId() == null ? null : entry.orgId().value(),
            entry.entity(),
            entry.operation(),
            entry.source(),
            entry.salesforceId() == null ? null : entry.salesforceId().value(),
            entry.caskrId(),
            entry.status(),
            entry.errorCode(),
            message,
            created ? 1 : 0,
            updated ? 1 : 0,
            entry.status().equals("FAILED") ? 1 : 0,
            Timestamp.from(entry.startedAt()),
            entry.eventId(),
            entry.traceId(),
            Timestamp.from(entry.startedAt()),
            Timestamp.from(entry.startedAt()))
        .update();
  }
}
