package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ingest.reconciliation_runs}: one RUNNING row per org and entity at a time. */
final class ReconciliationRuns {

  private final JdbcClient jdbc;
  private final Duration abandonedAfter;

  ReconciliationRuns(JdbcClient jdbc, Duration abandonedAfter) {
    this.jdbc = jdbc;
    this.abandonedAfter = abandonedAfter;
  }

  /**
   * Starts a run; empty when one is already running. A RUNNING row older than {@code
   * abandonedAfter} belongs to an instance that died mid-run and is marked FAILED first.
   */
  Optional<Long> start(Tenant tenant, SalesforceEntity entity, ReconcileReason reason) {
    jdbc.sql(
            """
            update ingest.reconciliation_runs
               set status = 'FAILED', completed_at = now(),
                   error_message = 'abandoned: no progress for ' || ? || ' seconds'
             where company_id = ? and org_id = ? and entity = ? and status = 'RUNNING'
               and started_at < now() - make_interval(secs => ?)
            """)
        .params(
            abandonedAfter.toSeconds(),
            tenant.companyId(),
            tenant.orgId().value(),
            entity.apiName(),
            abandonedAfter.toSeconds())
        .update();
    try {
      return Optional.of(
          jdbc.sql(
                  """
                  insert into ingest.reconciliation_runs (company_id, org_id, entity, reason)
                  values (?, ?, ?, ?) returning id
                  """)
              .params(tenant.companyId(), tenant.orgId().value(), entity.apiName(), reason.name())
              .query(Long.class)
              .single());
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
  }

  void succeeded(long runId, String bulkJobId, Drift drift, int published) {
    jdbc.sql(
            """
            update ingest.reconciliation_runs
               set status = 'SUCCEEDED', completed_at = now(), bulk_job_id = ?,
                   salesforce_count = ?, mapped_count = ?, missing_count = ?, stale_count = ?,
                   deleted_count = ?, published_count = ?, drift_ratio = ?
             where id = ?
            """)
        .params(
            bulkJobId,
            drift.salesforceCount(),
            drift.mappedCount(),
            drift.missing().size(),
            drift.stale().size(),
            drift.deletedCount(),
            published,
            BigDecimal.valueOf(drift.ratio()),
            runId)
        .update();
  }

  void failed(long runId, String bulkJobId, String error) {
    jdbc.sql(
            """
            update ingest.reconciliation_runs
               set status = 'FAILED', completed_at = now(), bulk_job_id = ?, error_message = ?
             where id = ?
            """)
        .params(bulkJobId, error, runId)
        .update();
  }
}
