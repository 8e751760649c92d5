package com.caskr.sync.mapping.synclog;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes crm_sync_logs rows for inbound events in the caller's transaction: collected while it runs
 * and inserted just before it commits, as multi-row inserts (a batch of changes logs hundreds of
 * rows). Without a transaction a row is written at once.
 */
public final class SyncLog {

  private static final int MAX_MESSAGE = 2000;

  /** Rows per INSERT statement (20 parameters each, well below PostgreSQL's 65,535). */
  private static final int ROWS_PER_INSERT = 500;

  private static final String COLUMNS =
      "INSERT INTO mapping.crm_sync_logs (company_id, org_id, entity, direction, operation,"
          + " source, salesforce_id, caskr_id, status, error_code, error_message,"
          + " records_processed, records_created, records_updated, records_failed,"
          + " duration_ms, event_id, trace_id, started_at, completed_at) VALUES ";

  private static final String ROW =
      "(?, ?, ?, 'INBOUND', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?,"
          + " greatest(0, (extract(epoch from clock_timestamp() - ?::timestamptz) * 1000)::bigint),"
          + " ?, ?, ?, greatest(clock_timestamp(), ?::timestamptz))";

  private final JdbcClient jdbc;

  public SyncLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(SyncLogEntry entry) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      pending().add(entry);
    } else {
      write(List.of(entry));
    }
  }

  private List<SyncLogEntry> pending() {
    @SuppressWarnings("unchecked")
    List<SyncLogEntry> entries =
        (List<SyncLogEntry>) TransactionSynchronizationManager.getResource(this);
    if (entries != null) {
      return entries;
    }
    List<SyncLogEntry> collected = new ArrayList<>();
    TransactionSynchronizationManager.bindResource(this, collected);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            write(collected);
          }

          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(SyncLog.this);
          }
        });
    return collected;
  }

  private void write(List<SyncLogEntry> entries) {
    for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
      List<SyncLogEntry> chunk =
          entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
      List<Object> params = new ArrayList<>();
      List<String> rows = new ArrayList<>();
      for (SyncLogEntry entry : chunk) {
        rows.add(ROW);
        params.addAll(params(entry));
      }
      jdbc.sql(COLUMNS + String.join(", ", rows)).params(params).update();
    }
  }

  private static List<Object> params(SyncLogEntry entry) {
    boolean created = entry.operation().equals("CREATE");
    boolean updated = !created && entry.status().equals("SUCCESS");
    String message = entry.errorMessage();
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    Timestamp started = Timestamp.from(entry.startedAt());
    List<Object> params = new ArrayList<>();
    params.add(entry.companyId());
    params.add(entry.orgId() == null ? null : entry.orgId().value());
    params.add(entry.entity());
    params.add(entry.operation());
    params.add(entry.source());
    params.add(entry.salesforceId() == null ? null : entry.salesforceId().value());
    params.add(entry.caskrId());
    params.add(entry.status());
    params.add(entry.errorCode());
    params.add(message);
    params.add(created ? 1 : 0);
    params.add(updated ? 1 : 0);
    params.add(entry.status().equals("FAILED") ? 1 : 0);
    params.add(started);
    params.add(entry.eventId());
    params.add(entry.traceId());
    params.add(started);
    params.add(started);
    return params;
  }
}
