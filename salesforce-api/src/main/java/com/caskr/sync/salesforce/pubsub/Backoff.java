package com.caskr.sync.salesforce.pubsub;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code initial}, capped at {@code max}, with "equal jitter"
 * (half the step fixed, half random) so a fleet of subscribers does not reconnect in lockstep.
 */
record Backoff(Duration initial, Duration max) {

  Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
  }

  Duration delay(int attempt, RandomGenerator random) {
    long step = initial.toMillis() << Math.min(attempt, 20);
    long cap = Math.min(max.toMillis(), step < 0 ? Long.MAX_VALUE : step);
    long half = cap / 2;
    return Duration.ofMillis(half + random.nextLong(cap - half + 1));
  }
}
