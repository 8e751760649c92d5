package com.caskr.sync.emulator.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An org's daily API request allocation, counted over a rolling 24 hours (in one-minute buckets) as
 * Salesforce does; what {@code Sforce-Limit-Info: api-usage=used/max} and /limits report.
 */
public final class ApiUsage {

  public static final long DEFAULT_ALLOCATION = 100_000;

  private record Bucket(Instant minute, long count) {}

  private final Clock clock;
  private final Deque<Bucket> buckets = new ArrayDeque<>();
  private long max;
  private long used;

  ApiUsage(Clock clock, long max) {
    this.clock = clock;
    this.max = max;
  }

  /**
   * Counts one request if the allocation allows it; false means the REST layer answers 403
   * REQUEST_LIMIT_EXCEEDED (and the refused request is not counted).
   */
  public synchronized boolean tryRecord() {
    expire();
    if (used >= max) {
      return false;
    }
    add(1);
    return true;
  }

  public synchronized long used() {
    expire();
    return used;
  }

  public synchronized long max() {
    return max;
  }

  public synchronized void allocate(long newMax) {
    this.max = newMax;
  }

  /** Fault injection: the allocation is used up until requests age out of the 24 hours. */
  public synchronized void exhaust() {
    expire();
    if (used < max) {
      add(max - used);
    }
  }

  /** Fault injection undone: forgets every counted request. */
  public synchronized void reset() {
    buckets.clear();
    used = 0;
  }

  /** The value of the Sforce-Limit-Info header. */
  public synchronized String limitInfo() {
    return "api-usage=" + used() + "/" + max;
  }

  private void add(long n) {
    Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Bucket last = buckets.peekLast();
    if (last != null && last.minute().equals(minute)) {
      buckets.pollLast();
      buckets.addLast(new Bucket(minute, last.count() + n));
    } else {
      buckets.addLast(new Bucket(minute, n));
    }
    used += n;
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(Duration.ofHours(24));
    while (!buckets.isEmpty() && !buckets.peekFirst().minute().isAfter(cutoff)) {
      used -= buckets.pollFirst().count();
    }
  }
}
