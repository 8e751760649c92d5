package com.caskr.sync.ingest.polling;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.orgwork.OrgPolls;
import com.caskr.sync.ingest.orgwork.OrgWorkLoop;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.ingest.syncstate.EntityPreferences;
import com.caskr.sync.ingest.syncstate.RunLog;
import com.caskr.sync.ingest.syncstate.SyncLogs;
import com.caskr.sync.ingest.syncstate.SyncPreferences;
import com.caskr.sync.salesforce.errors.RequestLimitExceeded;
import com.caskr.sync.salesforce.limits.OrgLimits;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SyncMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every org this instance leads, each entity at its company's interval ({@code
 * crm_sync_preferences}: by default Account and Opportunity every 15 minutes, Contact hourly), and
 * on request ({@link OrgPolls}). At most one poll per org and entity runs at a time. An org whose
 * API allocation is spent is left alone until {@code /limits} shows the budget back (see {@link
 * LimitBackoff}). Every run leaves a {@code crm_sync_logs} row.
 */
final class PollSchedule implements OrgPolls, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PollSchedule.class);

  /** A failed scheduled poll is tried again after this (or its interval, if shorter). */
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  private final SoqlPoller poller;
  private final OrgClients clients;
  private final OrgLeadership leadership;
  private final SyncPreferences preferences;
  private final SyncLogs syncLogs;
  private final PollMetrics metrics;
  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final long minRemainingRequests;
  private final Clock clock;
  private final Map<String, Pair> pairs = new ConcurrentHashMap<>();
  private final Map<Tenant, LimitBackoff> budgets = new ConcurrentHashMap<>();
  private final OrgWorkLoop loop = new OrgWorkLoop("poll-schedule", Duration.ofSeconds(30));

  PollSchedule(
      SoqlPoller poller,
      OrgClients clients,
      OrgLeadership leadership,
      SyncPreferences preferences,
      SyncLogs syncLogs,
      PollMetrics metrics,
      Duration backoffInitial,
      Duration backoffMax,
      long minRemainingRequests,
      Clock clock) {
    this.poller = poller;
    this.clients = clients;
    this.leadership = leadership;
    this.preferences = preferences;
    this.syncLogs = syncLogs;
    this.metrics = metrics;
    this.backoffInitial = backoffInitial;
    this.backoffMax = backoffMax;
    this.minRemainingRequests = minRemainingRequests;
    this.clock = clock;
  }

  /** Looks for due polls every {@code tick}. */
  PollSchedule start(Duration tick) {
    loop.start(tick, this::tick);
    return this;
  }

  /** Starts every poll that is due on an org this instance leads; does not wait for them. */
  void tick() {
    Instant now = clock.instant();
    for (Tenant tenant : leadership.led()) {
      for (SalesforceEntity entity : SalesforceEntity.values()) {
        Pair pair = pair(tenant, entity);
        if (!now.isBefore(pair.nextDue) && pair.lock.tryLock()) {
          pair.lock.unlock();
          loop.submit(() -> scheduled(tenant, entity, pair));
        }
      }
    }
  }

  private void scheduled(Tenant tenant, SalesforceEntity entity, Pair pair) {
    if (!pair.lock.tryLock()) {
      return;
    }
    try {
      if (clock.instant().isBefore(pair.nextDue)) {
        // Another tick's task polled this pair while this one waited to start.
        return;
      }
      EntityPreferences settings = preferences.of(tenant.companyId(), entity);
      if (!settings.enabled()) {
        pair.nextDue = clock.instant().plus(settings.pollInterval());
        return;
      }
      boolean ok;
      try {
        ok = run(tenant, entity, SyncMode.INCREMENTAL, null, ChangeEnvelopes.newTraceId());
      } catch (RuntimeException e) {
        ok = false;
      }
      Duration next = settings.pollInterval();
      if (!ok && RETRY_AFTER_FAILURE.compareTo(next) < 0) {
        next = RETRY_AFTER_FAILURE;
      }
      pair.nextDue = clock.instant().plus(next);
    } finally {
      pair.lock.unlock();
    }
  }

  @Override
  public void pollNow(
      Tenant tenant, SalesforceEntity entity, SyncMode mode, Instant since, String traceId) {
    requireLeadership(tenant);
    Pair pair = pair(tenant, entity);
    pair.lock.lock();
    try {
      if (!run(tenant, entity, mode, since, traceId)) {
        throw new IllegalStateException(
            "Polling "
                + entity.apiName()
                + " of company "
                + tenant.companyId()
                + " is backing off: the org's daily API allocation is spent");
      }
    } finally {
      pair.lock.unlock();
    }
  }

  @Override
  public void resync(
      Tenant tenant, SalesforceEntity entity, SalesforceId recordId, String traceId) {
    requireLeadership(tenant);
    SalesforceRestClient rest = clients.forOrg(tenant).rest();
    int found =
        poller.resync(tenant, rest, entity, List.of(recordId), ChangeSource.MANUAL, traceId);
    if (found == 0) {
      log.info(
          "Resync of {} {} for company {}: Salesforce no longer has it (hard-deleted);"
              + " the next reconciliation publishes its delete",
          entity.apiName(),
          recordId.value(),
          tenant.companyId());
    }
  }

  /**
   * One poll, logged and measured. Returns false when skipped because the org's API budget is
   * spent; throws when the poll failed (after logging it).
   */
  private boolean run(
      Tenant tenant, SalesforceEntity entity, SyncMode mode, Instant since, String traceId) {
    Instant started = clock.instant();
    SalesforceRestClient rest = clients.forOrg(tenant).rest();
    if (!budgetAllows(tenant, rest, started)) {
      return false;
    }
    try {
      PollRun run = poller.poll(tenant, rest, entity, mode, since, traceId);
      metrics.succeeded(run);
      syncLogs.record(
          new RunLog(
              tenant,
              entity,
              RunLog.Operation.POLL,
              ChangeSource.POLL,
              RunLog.Status.SUCCESS,
              run.read(),
              run.created(),
              run.updated() + run.deleted(),
              0,
              null,
              null,
              null,
              started,
              run.duration(),
              traceId));
      return true;
    } catch (RequestLimitExceeded e) {
      LimitBackoff budget = budget(tenant);
      budget.exhausted(clock.instant());
      metrics.limitBackoff();
      log.warn(
          "Polling {} of company {}: Salesforce says the API allocation is spent"
              + " (REQUEST_LIMIT_EXCEEDED); backing off until {}",
          entity.apiName(),
          tenant.companyId(),
          budget.until());
      failed(tenant, entity, started, traceId, "REQUEST_LIMIT_EXCEEDED", e);
      return false;
    } catch (SoqlPoller.PublishFailed e) {
      failed(tenant, entity, started, traceId, "KAFKA_UNAVAILABLE", e);
      throw e;
    } catch (RuntimeException e) {
      failed(tenant, entity, started, traceId, e.getClass().getSimpleName(), e);
      throw e;
    }
  }

  private boolean budgetAllows(Tenant tenant, SalesforceRestClient rest, Instant now) {
    LimitBackoff budget = budget(tenant);
    if (!budget.backingOff()) {
      return true;
    }
    if (!budget.probeDue(now)) {
      return false;
    }
    try {
      long remaining =
          rest.limits().dailyApiRequests().map(OrgLimits.Limit::remaining).orElse(Long.MAX_VALUE);
      if (remaining >= minRemainingRequests) {
        budget.recovered();
        log.info(
            "Company {}: {} API requests available again; polling resumes",
            tenant.companyId(),
            remaining);
        return true;
      }
    } catch (RequestLimitExceeded e) {
      // /limits itself refused: still spent.
    }
    budget.exhausted(now);
    return false;
  }

  private void failed(
      Tenant tenant,
      SalesforceEntity entity,
      Instant started,
      String traceId,
      String code,
      RuntimeException e) {
    Duration took = Duration.between(started, clock.instant());
    metrics.failed(entity, code, took);
    if (!code.equals("REQUEST_LIMIT_EXCEEDED")) {
      log.warn(
          "Polling {} of company {} failed ({}); the cursor stays at the last acknowledged page",
          entity.apiName(),
          tenant.companyId(),
          code,
          e);
    }
    try {
      syncLogs.record(
          new RunLog(
              tenant,
              entity,
              RunLog.Operation.POLL,
              ChangeSource.POLL,
              RunLog.Status.FAILED,
              0,
              0,
              0,
              0,
              null,
              code,
              e.getMessage(),
              started,
              took,
              traceId));
    } catch (RuntimeException logFailure) {
      log.warn("Could not write the sync log row of a failed poll", logFailure);
    }
  }

  private void requireLeadership(Tenant tenant) {
    if (!leadership.leads(tenant)) {
      throw new IllegalStateException(
          "This instance does not lead company " + tenant.companyId() + "'s org");
    }
  }

  private LimitBackoff budget(Tenant tenant) {
    return budgets.computeIfAbsent(tenant, t -> new LimitBackoff(backoffInitial, backoffMax));
  }

  private Pair pair(Tenant tenant, SalesforceEntity entity) {
    return pairs.computeIfAbsent(
        tenant.companyId() + "/" + tenant.orgId().value() + "/" + entity.apiName(),
        key -> new Pair(clock.instant()));
  }

  @Override
  public void close() {
    loop.close();
  }

  /** When an org's entity is due next, and the lock that keeps its polls one at a time. */
  private static final class Pair {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Instant nextDue;

    private Pair(Instant nextDue) {
      this.nextDue = nextDue;
    }
  }
}
