package com.caskr.sync.mapping.synclog;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes crm_sync_logs rows for inbound events in the caller's transaction: collected while it runs
 * and inserted just before it commits with one {@code INSERT … SELECT … FROM unnest(…)} (a batch of
 * changes logs hundreds of rows). Without a transaction a row is written at once.
 */
public final class SyncLog {

  private static final int MAX_MESSAGE = 2000;

  /**
   * One statement text whatever the number of rows: the entries as arrays, unnested in order. The
   * duration and completion time are taken when the statement runs, just before the commit.
   */
  private static final String INSERT =
      "INSERT INTO mapping.crm_sync_logs (company_id, org_id, entity, direction, operation,"
          + " source, salesforce_id, caskr_id, status, error_code, error_message,"
          + " records_processed, records_created, records_updated, records_failed,"
          + " duration_ms, event_id, trace_id, started_at, completed_at)"
          + " SELECT u.company_id, u.org_id, u.entity, 'INBOUND', u.operation, u.source,"
          + " u.salesforce_id, u.caskr_id::bigint, u.status, u.error_code, u.error_message, 1,"
          + " u.created, u.updated, u.failed,"
          + " greatest(0, (extract(epoch from clock_timestamp() - u.started_at) * 1000)::bigint),"
          + " u.event_id::uuid, u.trace_id, u.started_at,"
          + " greatest(clock_timestamp(), u.started_at)"
          + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::text[],"
          + " ?::text[], ?::timestamptz[]) WITH ORDINALITY AS u(company_id, org_id, entity,"
          + " operation, source, salesforce_id, caskr_id, status, error_code, error_message,"
          + " created, updated, failed, event_id, trace_id, started_at, n) ORDER BY u.n";

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
    int n = entries.size();
    Long[] companies = new Long[n];
    String[] orgs = new String[n];
    String[] entities = new String[n];
    String[] operations = new String[n];
    String[] sources = new String[n];
    String[] salesforceIds = new String[n];
    String[] caskrIds = new String[n];
    String[] statuses = new String[n];
    String[] codes = new String[n];
    String[] messages = new String[n];
    Integer[] created = new Integer[n];
    Integer[] updated = new Integer[n];
    Integer[] failed = new Integer[n];
    String[] eventIds = new String[n];
    String[] traceIds = new String[n];
    String[] started = new String[n];
    for (int i = 0; i < n; i++) {
      SyncLogEntry entry = entries.get(i);
      boolean isCreate = entry.operation().equals("CREATE");
      String message = entry.errorMessage();
      if (message != null && message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "…";
      }
      companies[i] = entry.companyId();
      orgs[i] = entry.orgId() == null ? null : entry.orgId().value();
      entities[i] = entry.entity();
      operations[i] = entry.operation();
      sources[i] = entry.source();
      salesforceIds[i] = entry.salesforceId() == null ? null : entry.salesforceId().value();
      caskrIds[i] = entry.caskrId() == null ? null : entry.caskrId().toString();
      statuses[i] = entry.status();
      codes[i] = entry.errorCode();
      messages[i] = message;
      created[i] = isCreate ? 1 : 0;
      updated[i] = !isCreate && entry.status().equals("SUCCESS") ? 1 : 0;
      failed[i] = entry.status().equals("FAILED") ? 1 : 0;
      eventIds[i] = entry.eventId() == null ? null : entry.eventId().toString();
      traceIds[i] = entry.traceId();
      started[i] = entry.startedAt().toString();
    }
    jdbc.sql(INSERT)
        .params(
            companies,
            orgs,
            entities,
            operations,
            sources,
            salesforceIds,
            caskrIds,
            statuses,
            codes,
            messages,
            created,
            updated,
            failed,
            eventIds,
            traceIds,
            started)
        .update();
  }
}
