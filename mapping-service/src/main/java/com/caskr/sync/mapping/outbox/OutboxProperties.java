package com.caskr.sync.mapping.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mapping.outbox.*}.
 *
 * @param pollInterval how often the relay looks for rows besides being woken by a commit here
 * @param batchSize rows published per relay transaction
 * @param sendTimeout how long the relay waits for Kafka's acknowledgement of a row
 */
@ConfigurationProperties("mapping.outbox")
record OutboxProperties(
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("30s") Duration sendTimeout) {

  OutboxProperties {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("mapping.outbox.poll-interval must be positive");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("mapping.outbox.batch-size must be 1..10000");
    }
    if (sendTimeout.isNegative() || sendTimeout.isZero()) {
      throw new IllegalArgumentException("mapping.outbox.send-timeout must be positive");
    }
  }
}
