package com.caskr.sync.salesforce.limits;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest {@link ApiUsage} seen on any response. Thread-safe: responses arriving out of order
 * never move it back in time.
 */
public final class ApiUsageTracker {

  private final AtomicReference<ApiUsage> latest = new AtomicReference<>();

  /** Records a response's {@code Sforce-Limit-Info} header value (null is ignored). */
  public void observe(String header, Instant at) {
    ApiUsage.parse(header, at)
        .ifPresent(
            usage ->
                latest.accumulateAndGet(
                    usage,
                    (old, now) ->
                        old == null || !now.observedAt().isBefore(old.observedAt()) ? now : old));
  }

  /** The latest usage, empty before the first response that carried one. */
  public Optional<ApiUsage> latest() {
    return Optional.ofNullable(latest.get());
  }
}
