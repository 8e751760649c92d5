package com.caskr.sync.ingest.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.reconcile}. The schedule itself is per company in {@code crm_sync_preferences}.
 *
 * @param tick how often due reconciliations are looked for
 * @param jobTimeout how long a Bulk API 2.0 query job may take to complete
 * @param ackTimeout how long a batch of repairs waits for Kafka's acknowledgement
 * @param abandonedAfter a RUNNING run older than this is taken for dead (its instance crashed)
 */
@ConfigurationProperties("ingest.reconcile")
record ReconcileProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1m") Duration tick,
    @DefaultValue("30m") Duration jobTimeout,
    @DefaultValue("60s") Duration ackTimeout,
    @DefaultValue("2h") Duration abandonedAfter) {

  ReconcileProperties {
    for (Duration value : new Duration[] {tick, jobTimeout, ackTimeout, abandonedAfter}) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("ingest.reconcile durations must be positive");
      }
    }
    if (abandonedAfter.compareTo(jobTimeout) <= 0) {
      throw new IllegalArgumentException(
          "ingest.reconcile.abandoned-after must be longer than job-timeout");
    }
  }
}
