package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.ingest.records.RecordReader;
import com.caskr.sync.ingest.records.RowChanges;
import com.caskr.sync.ingest.records.SalesforceRow;
import com.caskr.sync.ingest.syncstate.RunLog;
import com.caskr.sync.ingest.syncstate.SyncLogs;
import com.caskr.sync.salesforce.bulk.Backoff;
import com.caskr.sync.salesforce.bulk.BulkQueryClient;
import com.caskr.sync.salesforce.bulk.QueryJob;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one org's entity (reference §3, gotchas 7 and 9): a Bulk API 2.0 queryAll of Id,
 * SystemModstamp and IsDeleted compared with mapping-service's record pairs; missing and stale
 * records are read again over REST (in {@link RecordReader#IDS_PER_QUERY} batches) and published
 * with source RECONCILE, recycle-bin and hard deletes as DELETE envelopes. The drift ratio goes to
 * {@code reconciliation_runs}, {@code crm_sync_logs} and {@code crm_reconcile_drift_ratio}.
 */
final class BulkReconciler {

  private static final Logger log = LoggerFactory.getLogger(BulkReconciler.class);

  /** Envelopes per Kafka round trip. */
  private static final int PUBLISH_BATCH = 2000;

  private final ReconciliationRuns runs;
  private final MappedRecords mapped;
  private final SyncLogs syncLogs;
  private final ChangePublisher publisher;
  private final RowChanges changes;
  private final EntityFields fields;
  private final Backoff jobBackoff;
  private final Duration jobTimeout;
  private final Duration ackTimeout;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, AtomicReference<Double>> driftGauges = new ConcurrentHashMap<>();

  BulkReconciler(
      ReconciliationRuns runs,
      MappedRecords mapped,
      SyncLogs syncLogs,
      ChangePublisher publisher,
      RowChanges changes,
      EntityFields fields,
      Backoff jobBackoff,
      Duration jobTimeout,
      Duration ackTimeout,
      MeterRegistry meters,
      Clock clock) {
    this.runs = runs;
    this.mapped = mapped;
    this.syncLogs = syncLogs;
    this.publisher = publisher;
    this.changes = changes;
    this.fields = fields;
    this.jobBackoff = jobBackoff;
    this.jobTimeout = jobTimeout;
    this.ackTimeout = ackTimeout;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Runs one reconciliation, or returns {@link Reconciliation#skipped} while another is running.
   *
   * @throws RuntimeException whatever stopped it (Salesforce, Kafka), after the run was recorded as
   *     FAILED
   */
  Reconciliation reconcile(
      Tenant tenant,
      SalesforceRestClient rest,
      BulkQueryClient bulk,
      SalesforceEntity entity,
      ReconcileReason reason,
      String traceId) {
    Instant started = clock.instant();
    var runId = runs.start(tenant, entity, reason);
    if (runId.isEmpty()) {
      log.info(
          "Reconciliation of {} for company {} already running; not starting another",
          entity.apiName(),
          tenant.companyId());
      return Reconciliation.skipped(entity);
    }
    String jobId = null;
    try {
      QueryJob job =
          bulk.create("SELECT Id, SystemModstamp, IsDeleted FROM " + entity.apiName(), true);
      jobId = job.id();
      job = bulk.awaitCompletion(jobId, jobBackoff, jobTimeout);
      var finder = new DriftFinder(mapped.of(tenant, entity));
      try (Stream<Map<String, String>> rows = bulk.results(job, 0)) {
        rows.forEach(row -> finder.accept(swept(row)));
      }
      Drift drift = finder.finish();
      int published = repair(tenant, rest, entity, drift, traceId);
      runs.succeeded(runId.get(), jobId, drift, published);
      Duration took = Duration.between(started, clock.instant());
      driftGauge(tenant, entity).set(drift.ratio());
      syncLogs.record(
          new RunLog(
              tenant,
              entity,
              RunLog.Operation.RECONCILE,
              ChangeSource.RECONCILE,
              RunLog.Status.SUCCESS,
              (int) drift.salesforceCount(),
              drift.missing().size(),
              drift.stale().size(),
              0,
              drift.ratio(),
              null,
              null,
              started,
              took,
              traceId));
      log.info(
          "Reconciled {} for company {}: {} in Salesforce, {} missing, {} stale, {} deleted,"
              + " drift {}",
          entity.apiName(),
          tenant.companyId(),
          drift.salesforceCount(),
          drift.missing().size(),
          drift.stale().size(),
          drift.deletedCount(),
          String.format("%.4f", drift.ratio()));
      return new Reconciliation(
          entity,
          true,
          drift.salesforceCount(),
          drift.missing().size(),
          drift.stale().size(),
          drift.deletedCount(),
          published,
          drift.ratio(),
          took);
    } catch (RuntimeException e) {
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      runs.failed(runId.get(), jobId, message);
      syncLogs.record(
          new RunLog(
              tenant,
              entity,
              RunLog.Operation.RECONCILE,
              ChangeSource.RECONCILE,
              RunLog.Status.FAILED,
              0,
              0,
              0,
              0,
              null,
              e.getClass().getSimpleName(),
              message,
              started,
              Duration.between(started, clock.instant()),
              traceId));
      throw e;
    }
  }

  private int repair(
      Tenant tenant,
      SalesforceRestClient rest,
      SalesforceEntity entity,
      Drift drift,
      String traceId) {
    Instant now = clock.instant();
    var envelopes = new ArrayList<SalesforceRecordChanged>();
    int published = 0;
    var reader = new RecordReader(rest, fields);
    var toRead = new ArrayList<SalesforceId>(drift.missing());
    toRead.addAll(drift.stale());
    for (int from = 0; from < toRead.size(); from += RecordReader.IDS_PER_QUERY) {
      List<SalesforceId> ids =
          toRead.subList(from, Math.min(toRead.size(), from + RecordReader.IDS_PER_QUERY));
      List<SalesforceRow> rows = reader.byIds(entity, ids);
      Map<SalesforceId, List<Map<String, Object>>> lines =
          entity == SalesforceEntity.OPPORTUNITY
              ? reader.lineItems(
                  rows.stream().filter(row -> !row.deleted()).map(SalesforceRow::id).toList())
              : Map.of();
      for (SalesforceRow row : rows) {
        envelopes.add(
            changes.of(tenant, entity, row, lines.get(row.id()), ChangeSource.RECONCILE, traceId));
      }
      if (envelopes.size() >= PUBLISH_BATCH) {
        published += publish(envelopes);
      }
    }
    for (SweptRecord deleted : drift.softDeleted()) {
      var row = new SalesforceRow(deleted.id(), deleted.systemModstamp(), true, Map.of());
      envelopes.add(changes.of(tenant, entity, row, null, ChangeSource.RECONCILE, traceId));
    }
    for (SalesforceId gone : drift.hardDeleted()) {
      envelopes.add(changes.hardDeleted(tenant, entity, gone, now, traceId));
    }
    published += publish(envelopes);
    return published;
  }

  /** Publishes and clears {@code envelopes}; returns how many Kafka acknowledged. */
  private int publish(List<SalesforceRecordChanged> envelopes) {
    if (envelopes.isEmpty()) {
      return 0;
    }
    int count = envelopes.size();
    try {
      publisher.publish(List.copyOf(envelopes)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Kafka did not acknowledge " + count + " reconciled change(s)", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Kafka did not acknowledge " + count + " reconciled change(s)", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not acknowledge " + count + " reconciled change(s) in " + ackTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing reconciled changes", e);
    }
    envelopes.clear();
    return count;
  }

  private AtomicReference<Double> driftGauge(Tenant tenant, SalesforceEntity entity) {
    String key = tenant.orgId().value() + "/" + entity.apiName();
    return driftGauges.computeIfAbsent(
        key,
        k -> {
          var value = new AtomicReference<>(0.0);
          Gauge.builder("crm_reconcile_drift_ratio", value, AtomicReference::get)
              .description("(missing + stale + deleted) / records in Salesforce, last run")
              .tag("entity", entity.apiName())
              .tag("org", tenant.orgId().value())
              .register(meters);
          return value;
        });
  }

  private static SweptRecord swept(Map<String, String> row) {
    return new SweptRecord(
        SalesforceId.of(row.get("Id")),
        Soql.parseDateTime(row.get("SystemModstamp")),
        "true".equalsIgnoreCase(row.get("IsDeleted")));
  }
}
