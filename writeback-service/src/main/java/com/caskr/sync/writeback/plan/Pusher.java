package com.caskr.sync.writeback.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * One pass of the write-back: claims due edits, plans them per company and object, and sends them
 * in sObject Collections calls under the org's gate, handling each row's answer on its own.
 *
 * <p>An edit leaves the queue only once its row was written, held for review, found gone, or failed
 * for good; a crash anywhere before leaves it leased, and it comes back when the lease ends. Writes
 * are updates by Id or upserts by external id, so sending one twice is harmless.
 */
public final class Pusher {

  /**
   * Salesforce changes are looked for from this long before the oldest sync (gotcha 7: an inclusive
   * overlap; SystemModstamp has millisecond precision and clocks differ a little). A record in the
   * overlap that did not really change just compares equal to its snapshot.
   */
  private static final Duration OVERLAP = Duration.ofSeconds(1);

  private final PushQueue queue;
  private final SyncState state;
  private final LongFunction<SalesforceOrg> orgs;
  private final OrgGate gate;
  private final RetryPolicy retries;
  private final int claimLimit;
  private final int batchSize;
  private final Duration lease;
  private final RandomGenerator random;

  /**
   * @param orgs the connected org of a company; throws {@link CallFailed} when there is none
   */
  public Pusher(
      PushQueue queue,
      SyncState state,
      LongFunction<SalesforceOrg> orgs,
      OrgGate gate,
      RetryPolicy retries,
      int claimLimit,
      int batchSize,
      Duration lease,
      RandomGenerator random) {
    this.queue = queue;
    this.state = state;
    this.orgs = orgs;
    this.gate = gate;
    this.retries = retries;
    this.claimLimit = claimLimit;
    this.batchSize = batchSize;
    this.lease = lease;
    this.random = random;
  }

  /** Returns how many edits were claimed (0: nothing was due). */
  public int pushOnce() {
    List<PushQueue.Claimed> claimed = queue.claim(claimLimit, lease);
    Map<Long, List<PushQueue.Claimed>> byCompany = new LinkedHashMap<>();
    for (PushQueue.Claimed c : claimed) {
      byCompany.computeIfAbsent(c.edit().companyId(), id -> new ArrayList<>()).add(c);
    }
    byCompany.forEach(this::pushCompany);
    return claimed.size();
  }

  private void pushCompany(long companyId, List<PushQueue.Claimed> claimed) {
    SalesforceOrg org;
    try {
      org = orgs.apply(companyId);
    } catch (CallFailed e) {
      claimed.forEach(c -> queue.retryLater(c, retries.backoff().getLast(), false));
      return;
    }
    Map<Target, List<PushQueue.Claimed>> byTarget = new LinkedHashMap<>();
    for (PushQueue.Claimed c : claimed) {
      byTarget.computeIfAbsent(Target.of(c.edit().entity()), t -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<Target, List<PushQueue.Claimed>> entry : byTarget.entrySet()) {
      pushTarget(org, companyId, entry.getKey(), entry.getValue());
    }
  }

  private void pushTarget(
      SalesforceOrg org, long companyId, Target target, List<PushQueue.Claimed> claimed) {
    Priority top =
        claimed.stream().anyMatch(c -> c.edit().priority() == Priority.INTERACTIVE)
            ? Priority.INTERACTIVE
            : Priority.BACKFILL;
    if (!gate.allows(org.orgId(), top)) {
      Duration wait = gate.waitFor(org.orgId());
      claimed.forEach(c -> queue.retryLater(c, wait, false));
      return;
    }
    Map<Long, PushQueue.Claimed> byId = new LinkedHashMap<>();
    for (PushQueue.Claimed c : claimed) {
      byId.put(c.edit().caskrId(), c);
    }
    List<FieldRule> rules = state.fieldRules(companyId, target);
    Map<Long, CaskrRow> rows = state.rows(companyId, target, byId.keySet());
    Map<Long, Link> links = state.links(companyId, target, byId.keySet());
    Map<String, SalesforceState> salesforceNow;
    try {
      salesforceNow = links.isEmpty() ? Map.of() : changedSince(org, target, rules, links.values());
    } catch (CallFailed e) {
      callFailed(org, claimed, e);
      return;
    }

    List<Write> writes = new ArrayList<>();
    Map<Write, PushQueue.Claimed> source = new HashMap<>();
    for (PushQueue.Claimed c : byId.values()) {
      long id = c.edit().caskrId();
      CaskrRow row = rows.get(id);
      Link link = links.get(id);
      RecordPlan plan =
          Planner.plan(
              new RowState(
                  c.edit(),
                  row == null ? null : row.values(),
                  row == null ? null : row.updatedAt(),
                  link,
                  link == null ? null : salesforceNow.get(link.salesforceId())),
              rules);
      plan.conflicts().forEach(conflict -> state.conflict(org.orgId(), conflict));
      if (!plan.agreed().isEmpty()) {
        state.agreed(companyId, target, id, plan.agreed());
      }
      if (plan.writes()) {
        writes.add(plan.write());
        source.put(plan.write(), c);
      } else {
        queue.done(c);
      }
    }
    for (Batches.Batch batch : Batches.of(writes, batchSize)) {
      List<PushQueue.Claimed> inBatch = batch.writes().stream().map(source::get).toList();
      if (!gate.allows(org.orgId(), batch.priority())) {
        Duration wait = gate.waitFor(org.orgId());
        inBatch.forEach(c -> queue.retryLater(c, wait, false));
        continue;
      }
      List<RowOutcome> outcomes;
      try {
        outcomes = org.send(batch);
      } catch (CallFailed e) {
        callFailed(org, inBatch, e);
        continue;
      }
      gate.succeeded(org.orgId(), org.usage().map(SalesforceOrg.Usage::ratio).orElse(0.0));
      for (int i = 0; i < outcomes.size(); i++) {
        handle(org.orgId(), batch.writes().get(i), inBatch.get(i), outcomes.get(i));
      }
    }
  }

  /**
   * The linked records that changed in Salesforce since their last sync: read by id in one call per
   * 2,000, kept when their SystemModstamp is after the pair's last sync (less the overlap).
   */
  private Map<String, SalesforceState> changedSince(
      SalesforceOrg org, Target target, List<FieldRule> rules, Collection<Link> links) {
    Set<String> fields = new LinkedHashSet<>();
    for (FieldRule rule : rules) {
      if (rule.direction() == Direction.BIDIRECTIONAL) {
        fields.add(rule.salesforceField());
      }
    }
    if (fields.isEmpty()) {
      return Map.of();
    }
    Map<String, SalesforceState> now =
        org.retrieve(target, fields, links.stream().map(Link::salesforceId).toList());
    gate.succeeded(org.orgId(), org.usage().map(SalesforceOrg.Usage::ratio).orElse(0.0));
    Map<String, SalesforceState> changed = new HashMap<>();
    for (Link link : links) {
      SalesforceState current = now.get(link.salesforceId());
      if (current != null && current.modifiedAt().isAfter(link.syncedAt().minus(OVERLAP))) {
        changed.put(link.salesforceId(), current);
      }
    }
    return changed;
  }

  private void handle(String orgId, Write write, PushQueue.Claimed claimed, RowOutcome outcome) {
    switch (outcome) {
      case RowOutcome.Written written -> {
        state.written(orgId, write, written);
        queue.done(claimed);
      }
      case RowOutcome.Gone gone -> {
        state.gone(orgId, write, gone);
        queue.done(claimed);
      }
      case RowOutcome.Invalid invalid -> {
        state.held(orgId, write, invalid);
        queue.done(claimed);
      }
      case RowOutcome.Locked locked -> {
        Duration delay = retries.afterLock(claimed.attempts(), random);
        if (delay == null) {
          state.failed(orgId, write, "UNABLE_TO_LOCK_ROW", locked.message(), claimed.attempts());
          queue.done(claimed);
        } else {
          queue.retryLater(claimed, delay, true);
        }
      }
      case RowOutcome.Failed failed -> {
        Duration delay = failed.retryable() ? retries.afterUnavailable(claimed.attempts()) : null;
        if (delay == null) {
          state.failed(orgId, write, failed.code(), failed.message(), claimed.attempts());
          queue.done(claimed);
        } else {
          queue.retryLater(claimed, delay, true);
        }
      }
    }
  }

  private void callFailed(SalesforceOrg org, List<PushQueue.Claimed> claimed, CallFailed e) {
    switch (e.reason()) {
      case LIMIT_EXCEEDED -> {
        gate.limitExceeded(org.orgId());
        Duration wait = gate.waitFor(org.orgId());
        claimed.forEach(c -> queue.retryLater(c, wait, false));
      }
      case UNAVAILABLE -> {
        gate.failed(org.orgId());
        for (PushQueue.Claimed c : claimed) {
          Duration delay = retries.afterUnavailable(c.attempts());
          if (delay == null) {
            queue.retryLater(c, retries.backoff().getLast(), false);
          } else {
            queue.retryLater(c, delay, true);
          }
        }
      }
      case NOT_AUTHORISED, REFUSED -> {
        gate.failed(org.orgId());
        claimed.forEach(c -> queue.retryLater(c, retries.backoff().getLast(), false));
      }
    }
  }
}
