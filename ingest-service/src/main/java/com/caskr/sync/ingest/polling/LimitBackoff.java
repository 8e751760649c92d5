package com.caskr.sync.ingest.polling;

import java.time.Duration;
import java.time.Instant;

/**
 * Backing off an org whose daily API allocation is spent (403 REQUEST_LIMIT_EXCEEDED, gotcha 17: no
 * Retry-After comes with it). Waits {@code initial}, doubling up to {@code max}; after each wait
 * the caller probes the budget ({@code /limits}) and resumes only when enough requests remain.
 * Polling is the safety net behind the streams, so it yields the budget to writeback rather than
 * spend the last of it.
 */
final class LimitBackoff {

  private final Duration initial;
  private final Duration max;
  private Duration delay;
  private Instant until;

  LimitBackoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** The budget is spent (again): wait longer before the next probe. */
  synchronized void exhausted(Instant now) {
    delay = delay == null ? initial : min(delay.multipliedBy(2), max);
    until = now.plus(delay);
  }

  /** The budget recovered. */
  synchronized void recovered() {
    delay = null;
    until = null;
  }

  synchronized boolean backingOff() {
    return until != null;
  }

  /** Whether it is time to probe the budget (only while backing off). */
  synchronized boolean probeDue(Instant now) {
    return until != null && !now.isBefore(until);
  }

  synchronized Instant until() {
    return until;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
