package com.caskr.sync.writeback.plan;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How long a failed write waits before its next try.
 *
 * @param backoff network errors and 5xx: one delay per retry (2 s, 4 s, 8 s by default); when they
 *     are used up the write fails for good
 * @param lockJitter UNABLE_TO_LOCK_ROW: a random delay up to this, so competing writers spread out
 * @param lockRetries how often a locked row is tried again before it fails for good
 */
public record RetryPolicy(List<Duration> backoff, Duration lockJitter, int lockRetries) {

  public RetryPolicy {
    backoff = List.copyOf(backoff);
    if (lockJitter.isNegative() || lockRetries < 0) {
      throw new IllegalArgumentException("Lock jitter and retries must not be negative");
    }
  }

  /** The delay before retry number {@code attempts + 1}, or null when retries are used up. */
  Duration afterUnavailable(int attempts) {
    return attempts < backoff.size() ? backoff.get(attempts) : null;
  }

  Duration afterLock(int attempts, RandomGenerator random) {
    if (attempts >= lockRetries) {
      return null;
    }
    long bound = Math.max(1, lockJitter.toMillis());
    return Duration.ofMillis(bound / 2 + random.nextLong(bound / 2 + 1));
  }
}
