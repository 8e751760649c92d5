package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.orgwork.OrgReconciliations;
import com.caskr.sync.ingest.orgwork.OrgWorkLoop;
import com.caskr.sync.ingest.salesforce.OrgClient;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.ingest.syncstate.EntityPreferences;
import com.caskr.sync.ingest.syncstate.SyncPreferences;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * Reconciles every org this instance leads on its company's schedule ({@code
 * crm_sync_preferences.reconcile_cron} in {@code reconcile_time_zone}, daily at 03:00 UTC by
 * default) and on request ({@link OrgReconciliations}). The first scheduled run of an org is the
 * cron's next time after this instance took the lead: a restart does not trigger a sweep.
 */
final class ReconcileSchedule implements OrgReconciliations, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

  private final BulkReconciler reconciler;
  private final OrgClients clients;
  private final OrgLeadership leadership;
  private final SyncPreferences preferences;
  private final Clock clock;
  private final Map<String, Instant> nextRuns = new ConcurrentHashMap<>();
  private final OrgWorkLoop loop = new OrgWorkLoop("reconcile-schedule", Duration.ZERO);

  ReconcileSchedule(
      BulkReconciler reconciler,
      OrgClients clients,
      OrgLeadership leadership,
      SyncPreferences preferences,
      Clock clock) {
    this.reconciler = reconciler;
    this.clients = clients;
    this.leadership = leadership;
    this.preferences = preferences;
    this.clock = clock;
  }

  ReconcileSchedule start(Duration tick) {
    loop.start(tick, this::tick);
    return this;
  }

  void tick() {
    Instant now = clock.instant();
    for (Tenant tenant : leadership.led()) {
      for (SalesforceEntity entity : SalesforceEntity.values()) {
        EntityPreferences settings = preferences.of(tenant.companyId(), entity);
        if (!settings.enabled()) {
          continue;
        }
        String key = tenant.companyId() + "/" + tenant.orgId().value() + "/" + entity.apiName();
        Instant due = nextRuns.computeIfAbsent(key, k -> next(settings, now));
        if (!now.isBefore(due)) {
          nextRuns.put(key, next(settings, now));
          loop.submit(() -> scheduled(tenant, entity));
        }
      }
    }
  }

  private void scheduled(Tenant tenant, SalesforceEntity entity) {
    try {
      reconcileNow(tenant, entity, ReconcileReason.SCHEDULED, ChangeEnvelopes.newTraceId());
    } catch (RuntimeException e) {
      log.warn(
          "Scheduled reconciliation of {} for company {} failed; it runs again at the next"
              + " scheduled time",
          entity.apiName(),
          tenant.companyId(),
          e);
    }
  }

  @Override
  public void reconcileNow(
      Tenant tenant, SalesforceEntity entity, ReconcileReason reason, String traceId) {
    if (!leadership.leads(tenant)) {
      throw new IllegalStateException(
          "This instance does not lead company " + tenant.companyId() + "'s org");
    }
    OrgClient client = clients.forOrg(tenant);
    reconciler.reconcile(tenant, client.rest(), client.bulk(), entity, reason, traceId);
  }

  private static Instant next(EntityPreferences settings, Instant after) {
    ZonedDateTime next =
        CronExpression.parse(settings.reconcileCron()).next(after.atZone(settings.timeZone()));
    return next == null ? Instant.MAX : next.toInstant();
  }

  @Override
  public void close() {
    loop.close();
  }
}
