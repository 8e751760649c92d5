package com.caskr.sync.emulator.outbound;

import java.time.Duration;

/**
 * Salesforce's retry schedule for outbound messages, in Salesforce time: exponential from a quick
 * first retry, capped at a 2-hour interval, until the notification is 24 hours old.
 */
final class Backoff {

  static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  static final Duration MAX_INTERVAL = Duration.ofHours(2);
  static final Duration MAX_AGE = Duration.ofHours(24);

  private Backoff() {}

  /** The wait before the next attempt after {@code failures} failed attempts (at least one). */
  static Duration after(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("No failure, no backoff");
    }
    int doublings = Math.min(failures - 1, 20);
    Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : delay;
  }
}
