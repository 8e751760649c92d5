package com.caskr.sync.auth.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox relay runs ({@code auth.outbox.*}).
 *
 * @param interval the pause between two rounds while Kafka answers
 * @param batchSize rows published per round at most
 * @param sendTimeout how long one record may wait for its acknowledgement
 * @param maxBackoff the longest pause after failed rounds (the pause doubles from {@code interval})
 */
@ConfigurationProperties("auth.outbox")
public record OutboxProperties(
    Duration interval, int batchSize, Duration sendTimeout, Duration maxBackoff) {

  public OutboxProperties {
    if (interval == null || sendTimeout == null || maxBackoff == null) {
      throw new IllegalArgumentException(
          "configure auth.outbox.interval, send-timeout and max-backoff");
    }
    if (interval.isNegative()
        || interval.isZero()
        || sendTimeout.isNegative()
        || sendTimeout.isZero()
        || maxBackoff.compareTo(interval) < 0) {
      throw new IllegalArgumentException(
          "auth.outbox.interval and send-timeout must be positive, max-backoff at least interval");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("auth.outbox.batch-size must be at least 1");
    }
  }
}
