package com.caskr.sync.writeback.push;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pusher ({@code writeback.push.*}).
 *
 * @param pollInterval pause between passes that found nothing due
 * @param claimLimit edits claimed per pass (the collapse window: edits of one row merge while they
 *     wait)
 * @param batchSize records per sObject Collections call (at most 200)
 * @param lease how long a claimed edit stays with this instance before another may take it
 * @param backoff delays of the retries after a network error or 5xx
 * @param lockJitter the upper bound of the random delay after UNABLE_TO_LOCK_ROW
 * @param lockRetries retries of a locked row before it fails for good
 * @param backfillReserve the daily API usage ratio above which backfills wait
 * @param limitPause how long an org pauses after REQUEST_LIMIT_EXCEEDED before a probe
 * @param circuitFailures consecutive failed calls that open an org's circuit
 * @param circuitOpen how long an open circuit stays open
 */
@ConfigurationProperties("writeback.push")
record PushProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("2000") int claimLimit,
    @DefaultValue("200") int batchSize,
    @DefaultValue("2m") Duration lease,
    @DefaultValue({"2s", "4s", "8s"}) List<Duration> backoff,
    @DefaultValue("1s") Duration lockJitter,
    @DefaultValue("5") int lockRetries,
    @DefaultValue("0.8") double backfillReserve,
    @DefaultValue("5m") Duration limitPause,
    @DefaultValue("5") int circuitFailures,
    @DefaultValue("30s") Duration circuitOpen) {

  PushProperties {
    if (claimLimit < 1 || batchSize < 1 || batchSize > 200) {
      throw new IllegalArgumentException(
          "writeback.push.claim-limit must be positive and batch-size 1..200");
    }
    if (backoff == null || backoff.isEmpty()) {
      throw new IllegalArgumentException("writeback.push.backoff needs at least one delay");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("writeback.push.lease must be at least 1s");
    }
  }
}
