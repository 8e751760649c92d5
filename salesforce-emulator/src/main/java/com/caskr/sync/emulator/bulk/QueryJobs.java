package com.caskr.sync.emulator.bulk;

import com.caskr.sync.schema.SalesforceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every org's Bulk API 2.0 query jobs; a job is visible only to its own org. */
final class QueryJobs {

  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  static final Duration RETENTION = Duration.ofDays(7);

  private final Clock clock;
  private final Map<String, QueryJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(1_000_000L);

  QueryJobs(Clock clock) {
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /** An 18-character id with the {@code 750} (AsyncApexJob / bulk job) key prefix. */
  String nextId() {
    long n = sequence.incrementAndGet();
    char[] chars = new char[15];
    "750Em".getChars(0, 5, chars, 0);
    for (int i = 14; i >= 5; i--) {
      chars[i] = DIGITS.charAt((int) (n % 62));
      n /= 62;
    }
    return SalesforceId.of(new String(chars)).value();
  }

  void add(QueryJob job) {
    jobs.put(job.id(), job);
  }

  /** A job of this org, by its 15- or 18-character id. */
  Optional<QueryJob> find(String orgId, String jobId) {
    expire();
    if (!SalesforceId.isValid(jobId)) {
      return Optional.empty();
    }
    QueryJob job = jobs.get(SalesforceId.of(jobId).value());
    return job != null && job.orgId().equals(orgId) ? Optional.of(job) : Optional.empty();
  }

  /** This org's jobs, oldest first. */
  List<QueryJob> all(String orgId) {
    expire();
    return jobs.values().stream()
        .filter(j -> j.orgId().equals(orgId))
        .sorted(Comparator.comparing(QueryJob::id))
        .toList();
  }

  /** Salesforce deletes jobs 7 days after they reached a terminal state. */
  private void expire() {
    Instant cutoff = clock.instant().minus(RETENTION);
    jobs.values().removeIf(job -> job.endedBefore(cutoff));
  }

  void remove(QueryJob job) {
    jobs.remove(job.id());
  }
}
