package com.caskr.sync.salesforce.bulk;

import java.time.Duration;

/**
 * Exponential backoff between status polls: {@code initial}, then ×{@code multiplier} up to {@code
 * max}.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

  /**
   * 1 s, doubling, at most 30 s: quick for small jobs, gentle on the API allocation for big ones.
   */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2);

  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1) {
      throw new IllegalArgumentException(
          "Bad backoff: " + initial + ", " + max + ", " + multiplier);
    }
  }

  /** The delay after {@code previous}. */
  public Duration next(Duration previous) {
    if (previous == null) {
      return initial;
    }
    long millis = (long) Math.min(max.toMillis(), Math.max(1, previous.toMillis()) * multiplier);
    return Duration.ofMillis(millis);
  }
}
