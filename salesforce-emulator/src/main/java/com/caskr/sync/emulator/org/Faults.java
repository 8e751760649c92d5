package com.caskr.sync.emulator.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults injected into one org through the admin API, each good for a number of uses or until a
 * time (or both: whichever ends first). The REST gate asks for unavailability and latency, the
 * org's own write pipeline for row locks, the Bulk API for job failures. Thread-safe.
 */
public final class Faults {

  /** What a fault does. */
  public enum Kind {
    /** REST calls answer 503. */
    UNAVAILABLE,
    /** REST calls wait {@code latency} first. */
    LATENCY,
    /** API writes (single records and each collection row) fail with UNABLE_TO_LOCK_ROW. */
    LOCK_ROW,
    /** Bulk query jobs (one by id, or the next ones) end {@code Failed} with {@code message}. */
    BULK_JOB_FAILURE
  }

  /**
   * An active fault.
   *
   * @param remaining uses left, or null for "until {@code until}"
   * @param until when it ends, or null for "after {@code remaining} uses"
   * @param latency the added delay of a LATENCY fault, else null
   * @param jobId the job a BULK_JOB_FAILURE fails, or null for the next jobs
   * @param message the errorMessage of a BULK_JOB_FAILURE, else null
   */
  public record Fault(
      long id,
      Kind kind,
      Long remaining,
      Instant until,
      Duration latency,
      String jobId,
      String message) {

    Fault used() {
      return new Fault(
          id, kind, remaining == null ? null : remaining - 1, until, latency, jobId, message);
    }

    boolean over(Instant now) {
      return (remaining != null && remaining < 1) || (until != null && !now.isBefore(until));
    }
  }

  private static final AtomicLong IDS = new AtomicLong();

  private final Clock clock;
  private final List<Fault> active = new ArrayList<>();

  Faults(Clock clock) {
    this.clock = clock;
  }

  /**
   * Adds a fault that lasts {@code count} uses and/or {@code duration} from now.
   *
   * @throws IllegalArgumentException without a count or duration, or with one that is not positive
   */
  public synchronized Fault add(
      Kind kind, Long count, Duration duration, Duration latency, String jobId, String message) {
    if (count == null && duration == null) {
      throw new IllegalArgumentException("A fault needs a count or a duration");
    }
    if (count != null && count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration must be positive");
    }
    if (kind == Kind.LATENCY && (latency == null || latency.isNegative() || latency.isZero())) {
      throw new IllegalArgumentException("latency must be positive");
    }
    Instant until = duration == null ? null : clock.instant().plus(duration);
    var fault = new Fault(IDS.incrementAndGet(), kind, count, until, latency, jobId, message);
    active.add(fault);
    return fault;
  }

  /** The faults still active, oldest first. */
  public synchronized List<Fault> active() {
    prune();
    return List.copyOf(active);
  }

  /** Removes every fault; true if there were any. */
  public synchronized boolean clear() {
    boolean any = !active.isEmpty();
    active.clear();
    return any;
  }

  /** Uses one of the oldest active fault of the kind, if there is one. */
  public synchronized Optional<Fault> take(Kind kind) {
    return take(kind, null);
  }

  /**
   * A Bulk job's failure: a fault naming this job, else one for the next jobs; used up when taken.
   */
  public synchronized Optional<Fault> takeBulkFailure(String jobId) {
    Optional<Fault> named = take(Kind.BULK_JOB_FAILURE, jobId);
    return named.isPresent() ? named : take(Kind.BULK_JOB_FAILURE, null);
  }

  private Optional<Fault> take(Kind kind, String jobId) {
    prune();
    for (int i = 0; i < active.size(); i++) {
      Fault fault = active.get(i);
      if (fault.kind() == kind && Objects.equals(fault.jobId(), jobId)) {
        Fault used = fault.used();
        if (used.over(clock.instant())) {
          active.remove(i);
        } else {
          active.set(i, used);
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  /** API writes only: the emulator's own (seeding, admin) never hit a fault. */
  void beforeWrite(Caller caller) {
    if (!caller.changeOrigin().startsWith("com/salesforce/api/")) {
      return;
    }
    if (take(Kind.LOCK_ROW).isPresent()) {
      throw new RequestRejected(
          ErrorCode.UNABLE_TO_LOCK_ROW,
          "unable to obtain exclusive access to this record or 1 records");
    }
  }

  private void prune() {
    Instant now = clock.instant();
    active.removeIf(f -> f.over(now));
  }
}
