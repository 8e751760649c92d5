package com.caskr.sync.writeback.capture;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The trigger-log relay ({@code writeback.capture.*}).
 *
 * @param enabled whether this instance relays (any number of instances may; one works at a time)
 * @param pollInterval pause between two passes over the log when the last one found little
 * @param batchSize rows published per pass and transaction
 * @param sendTimeout how long a pass waits for Kafka's acknowledgements before it gives up and
 *     leaves the rows unsent for the next pass
 */
@ConfigurationProperties("writeback.capture")
record CaptureProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("30s") Duration sendTimeout) {

  CaptureProperties {
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("writeback.capture.poll-interval must be positive");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("writeback.capture.batch-size must be 1..10000");
    }
    if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
      throw new IllegalArgumentException("writeback.capture.send-timeout must be positive");
    }
  }
}
