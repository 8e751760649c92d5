package com.caskr.sync.ingest.polling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.polling}. The intervals themselves are per company in {@code crm_sync_preferences}.
 *
 * @param tick how often due polls are looked for
 * @param overlap how far before the cursor each poll re-reads (late commits, gotcha 7)
 * @param ackTimeout how long a page waits for Kafka's acknowledgement
 * @param limitBackoff first wait after REQUEST_LIMIT_EXCEEDED; doubles up to {@code
 *     limitBackoffMax}
 * @param minRemainingRequests polling resumes when {@code /limits} shows at least this many
 *     DailyApiRequests left
 */
@ConfigurationProperties("ingest.polling")
record PollingProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration tick,
    @DefaultValue("5m") Duration overlap,
    @DefaultValue("30s") Duration ackTimeout,
    @DefaultValue("1m") Duration limitBackoff,
    @DefaultValue("30m") Duration limitBackoffMax,
    @DefaultValue("1000") long minRemainingRequests) {

  PollingProperties {
    positive("tick", tick);
    positive("ack-timeout", ackTimeout);
    positive("limit-backoff", limitBackoff);
    if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("ingest.polling.overlap must be 0 to 1 day: " + overlap);
    }
    if (limitBackoffMax.compareTo(limitBackoff) < 0) {
      throw new IllegalArgumentException(
          "ingest.polling.limit-backoff-max must be at least limit-backoff");
    }
    if (minRemainingRequests < 0) {
      throw new IllegalArgumentException("ingest.polling.min-remaining-requests must be >= 0");
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("ingest.polling." + name + " must be positive");
    }
  }
}
