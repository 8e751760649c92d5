package com.caskr.sync.ingest.syncstate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Appends one {@code crm_sync_logs} row per poll or reconciliation run (direction INBOUND). */
public final class SyncLogs {

  private final JdbcClient jdbc;
  private final MappingSchema schema;

  public SyncLogs(JdbcClient jdbc, MappingSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  /** Writes {@code run}; returns the row's id. */
  public long record(RunLog run) {
    return jdbc.sql(
            "insert into "
                + schema.table("crm_sync_logs")
                + " (company_id, org_id, entity, direction, operation, source, status, error_code,"
                + " error_message, records_processed, records_created, records_updated,"
                + " records_failed, drift_ratio, duration_ms, trace_id, started_at, completed_at)"
                + " values (?, ?, ?, 'INBOUND', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " returning id")
        .params(
            run.tenant().companyId(),
            run.tenant().orgId().value(),
            run.entity().apiName(),
            run.operation().name(),
            run.source().name(),
            run.status().name(),
            run.errorCode(),
            run.errorMessage(),
            run.processed(),
            run.created(),
            run.updated(),
            run.failed(),
            run.driftRatio() == null ? null : BigDecimal.valueOf(run.driftRatio()),
            run.duration().toMillis(),
            run.traceId(),
            Timestamp.from(run.startedAt()),
            Timestamp.from(run.startedAt().plus(run.duration())))
        .query(Long.class)
        .single();
  }
}
