package com.caskr.sync.writeback.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per org: the API budget governor and the circuit breaker.
 *
 * <ul>
 *   <li>Budget: the latest {@code Sforce-Limit-Info} ratio is kept per org; above {@code
 *       backfillReserve} (e.g. 0.8 of the daily allocation) backfills wait, interactive edits go on
 *       until the allocation is spent.
 *   <li>REQUEST_LIMIT_EXCEEDED pauses the org for {@code limitPause}; then a probe call tells
 *       whether the budget recovered (a refusal pauses again). A ratio older than {@code
 *       limitPause} is stale and lets a probe through too: the daily allocation is a rolling one.
 *   <li>Circuit breaker: {@code failuresToOpen} consecutive failed calls open the org's circuit for
 *       {@code openFor}; the first call after that is the probe.
 * </ul>
 */
public final class OrgGate {

  private final Clock clock;
  private final double backfillReserve;
  private final Duration limitPause;
  private final int failuresToOpen;
  private final Duration openFor;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public OrgGate(
      Clock clock,
      double backfillReserve,
      Duration limitPause,
      int failuresToOpen,
      Duration openFor) {
    if (backfillReserve <= 0 || backfillReserve > 1) {
      throw new IllegalArgumentException("The backfill reserve is a ratio in (0, 1]");
    }
    if (failuresToOpen < 1) {
      throw new IllegalArgumentException("failuresToOpen must be at least 1");
    }
    this.clock = clock;
    this.backfillReserve = backfillReserve;
    this.limitPause = limitPause;
    this.failuresToOpen = failuresToOpen;
    this.openFor = openFor;
  }

  /** Whether work of {@code priority} may call the org now. */
  public boolean allows(String orgId, Priority priority) {
    State state = states.get(orgId);
    if (state == null) {
      return true;
    }
    Instant now = clock.instant();
    Instant closedUntil = state.closedUntil;
    if (closedUntil != null) {
      return !now.isBefore(closedUntil);
    }
    Instant observedAt = state.observedAt;
    boolean stale = observedAt == null || observedAt.plus(limitPause).isBefore(now);
    double limit = priority == Priority.INTERACTIVE ? 1.0 : backfillReserve;
    return state.ratio < limit || stale;
  }

  /** How long until {@link #allows} may change for this org (for the queue's retry delay). */
  public Duration waitFor(String orgId) {
    State state = states.get(orgId);
    if (state == null || state.closedUntil == null) {
      return limitPause;
    }
    Duration left = Duration.between(clock.instant(), state.closedUntil);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The org's latest usage ratio (0 before any call). */
  public double usageRatio(String orgId) {
    State state = states.get(orgId);
    return state == null ? 0 : state.ratio;
  }

  /** Orgs seen so far. */
  public java.util.Set<String> orgs() {
    return java.util.Set.copyOf(states.keySet());
  }

  public void succeeded(String orgId, double usageRatio) {
    State state = state(orgId);
    synchronized (state) {
      state.ratio = usageRatio;
      state.observedAt = clock.instant();
      state.failures = 0;
      state.closedUntil = null;
    }
  }

  public void limitExceeded(String orgId) {
    State state = state(orgId);
    synchronized (state) {
      state.ratio = 1.0;
      state.observedAt = clock.instant();
      state.closedUntil = clock.instant().plus(limitPause);
    }
  }

  public void failed(String orgId) {
    State state = state(orgId);
    synchronized (state) {
      state.failures++;
      if (state.failures >= failuresToOpen) {
        state.closedUntil = clock.instant().plus(openFor);
        state.failures = 0;
      }
    }
  }

  private State state(String orgId) {
    return states.computeIfAbsent(orgId, id -> new State());
  }

  private static final class State {
    private volatile double ratio;
    private volatile int failures;
    private volatile Instant closedUntil;
    private volatile Instant observedAt;
  }
}
