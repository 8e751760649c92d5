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
      queue.retryLater(claimed, retries.backoff().getLast(), false);
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
      queue.retryLater(claimed, gate.waitFor(org.orgId()), false);
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
    Map<Long, Map<String, Object>> agreed = new HashMap<>();
    List<PushQueue.Claimed> done = new ArrayList<>();
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
        agreed.put(id, plan.agreed());
      }
      if (plan.writes()) {
        writes.add(plan.write());
        source.put(plan.write(), c);
      } else {
        done.add(c);
      }
    }
    if (!agreed.isEmpty()) {
      state.agreed(companyId, target, agreed);
    }
    queue.done(done);
    for (Batches.Batch batch : Batches.of(writes, batchSize)) {
      List<PushQueue.Claimed> inBatch = batch.writes().stream().map(source::get).toList();
      if (!gate.allows(org.orgId(), batch.priority())) {
        queue.retryLater(inBatch, gate.waitFor(org.orgId()), false);
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
      handle(org.orgId(), batch.writes(), inBatch, outcomes);
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

  /**
   * Each row's answer on its own; the rows Salesforce took are recorded together (one transaction)
   * and every finished edit leaves the queue in one statement.
   */
  private void handle(
      String orgId,
      List<Write> writes,
      List<PushQueue.Claimed> claimed,
      List<RowOutcome> outcomes) {
    List<SyncState.WrittenRow> written = new ArrayList<>();
    List<PushQueue.Claimed> done = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Write write = writes.get(i);
      PushQueue.Claimed c = claimed.get(i);
      switch (outcomes.get(i)) {
        case RowOutcome.Written ok -> {
          written.add(new SyncState.WrittenRow(write, ok));
          done.add(c);
        }
        case RowOutcome.Gone gone -> {
          state.gone(orgId, write, gone);
          done.add(c);
        }
        case RowOutcome.Invalid invalid -> {
          state.held(orgId, write, invalid);
          done.add(c);
        }
        case RowOutcome.Locked locked -> {
          Duration delay = retries.afterLock(c.attempts(), random);
          if (delay == null) {
            state.failed(orgId, write, "UNABLE_TO_LOCK_ROW", locked.message(), c.attempts());
            done.add(c);
          } else {
            queue.retryLater(List.of(c), delay, true);
          }
        }
        case RowOutcome.Failed failed -> {
          Duration delay = failed.retryable() ? retries.afterUnavailable(c.attempts()) : null;
          if (delay == null) {
            state.failed(orgId, write, failed.code(), failed.message(), c.attempts());
            done.add(c);
          } else {
            queue.retryLater(List.of(c), delay, true);
          }
        }
      }
    }
    if (!written.isEmpty()) {
      state.written(orgId, written);
    }
    queue.done(done);
  }

  private void callFailed(SalesforceOrg org, List<PushQueue.Claimed> claimed, CallFailed e) {
    switch (e.reason()) {
      case LIMIT_EXCEEDED -> {
        gate.limitExceeded(org.orgId());
        queue.retryLater(claimed, gate.waitFor(org.orgId()), false);
      }
      case UNAVAILABLE -> {
        gate.failed(org.orgId());
        Map<Duration, List<PushQueue.Claimed>> counted = new LinkedHashMap<>();
        List<PushQueue.Claimed> exhausted = new ArrayList<>();
        for (PushQueue.Claimed c : claimed) {
          Duration delay = retries.afterUnavailable(c.attempts());
          if (delay == null) {
            exhausted.add(c);
          } else {
            counted.computeIfAbsent(delay, d -> new ArrayList<>()).add(c);
          }
        }
        counted.forEach((delay, group) -> queue.retryLater(group, delay, true));
        queue.retryLater(exhausted, retries.backoff().getLast(), false);
      }
      case NOT_AUTHORISED, REFUSED -> {
        gate.failed(org.orgId());
        queue.retryLater(claimed, retries.backoff().getLast(), false);
      }
    }
  }
}
