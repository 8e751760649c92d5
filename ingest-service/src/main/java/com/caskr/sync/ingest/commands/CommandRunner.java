package com.caskr.sync.ingest.commands;

import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.orgwork.OrgPolls;
import com.caskr.sync.ingest.orgwork.OrgReconciliations;
import com.caskr.sync.ingest.orgwork.OrgWorkLoop;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SyncCommand;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the stored commands of the orgs this instance leads, one org's commands in the order
 * they were issued, different orgs side by side. A command is deleted once its work is acknowledged
 * by Kafka; a failure is retried with a growing delay, and after {@code maxAttempts} the row stays
 * FAILED for the operator.
 */
final class CommandRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
  private static final int BATCH = 20;

  private final CommandInbox inbox;
  private final OrgLeadership leadership;
  private final OrgPolls polls;
  private final OrgReconciliations reconciliations;
  private final int maxAttempts;
  private final Duration firstRetry;
  private final Set<Tenant> busy = ConcurrentHashMap.newKeySet();
  private final OrgWorkLoop loop = new OrgWorkLoop("sync-commands", Duration.ofSeconds(30));

  CommandRunner(
      CommandInbox inbox,
      OrgLeadership leadership,
      OrgPolls polls,
      OrgReconciliations reconciliations,
      int maxAttempts,
      Duration firstRetry) {
    this.inbox = inbox;
    this.leadership = leadership;
    this.polls = polls;
    this.reconciliations = reconciliations;
    this.maxAttempts = maxAttempts;
    this.firstRetry = firstRetry;
  }

  CommandRunner start(Duration tick) {
    loop.start(tick, this::tick);
    return this;
  }

  /** Starts draining the commands of every led org that is not busy already. */
  void tick() {
    for (Tenant tenant : leadership.led()) {
      if (busy.add(tenant)) {
        loop.submit(
            () -> {
              try {
                drain(tenant);
              } finally {
                busy.remove(tenant);
              }
            });
      }
    }
  }

  private void drain(Tenant tenant) {
    List<CommandInbox.Pending> due = inbox.due(tenant, BATCH);
    for (CommandInbox.Pending pending : due) {
      if (!leadership.leads(tenant)) {
        return;
      }
      try {
        execute(pending);
        inbox.done(pending.eventId());
      } catch (RuntimeException e) {
        int attempt = pending.attempts() + 1;
        boolean giveUp = attempt >= maxAttempts;
        Duration retryIn = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 10));
        log.warn(
            "Sync command {} for company {} failed (attempt {} of {}){}",
            pending.eventId(),
            tenant.companyId(),
            attempt,
            maxAttempts,
            giveUp ? "; giving up, the row stays FAILED" : "; retrying in " + retryIn,
            e);
        inbox.failed(pending.eventId(), e.toString(), retryIn, giveUp);
        // Later commands of this org wait: they were issued after this one.
        return;
      }
    }
  }

  private void execute(CommandInbox.Pending pending) {
    Tenant tenant = pending.tenant();
    String trace = pending.traceId();
    switch (pending.command()) {
      case SyncCommand.SyncNow syncNow -> {
        for (SalesforceEntity entity : entities(syncNow.entity())) {
          polls.pollNow(tenant, entity, syncNow.mode(), syncNow.since(), trace);
        }
      }
      case SyncCommand.ResyncRecord resync ->
          polls.resync(tenant, resync.entity(), resync.recordId(), trace);
      case SyncCommand.Reconcile reconcile -> {
        ReconcileReason reason =
            reconcile.reason() == null ? ReconcileReason.MANUAL : reconcile.reason();
        for (SalesforceEntity entity : entities(reconcile.entity())) {
          reconciliations.reconcileNow(tenant, entity, reason, trace);
        }
      }
      case SyncCommand.RedriveDeadLetters redrive ->
          log.debug("Dead-letter redrives are mapping-service's; nothing to do");
    }
  }

  private static List<SalesforceEntity> entities(SalesforceEntity entity) {
    return entity == null ? List.of(SalesforceEntity.values()) : List.of(entity);
  }

  @Override
  public void close() {
    loop.close();
  }
}
