package com.caskr.sync.mapping.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mapping.intake.*}: how often a failing record is retried before it goes to its DLQ.
 *
 * @param retries attempts after the first one
 * @param initialBackoff wait before the first retry; doubled for each further one
 * @param maxBackoff the longest wait between two attempts
 */
@ConfigurationProperties("mapping.intake")
record IntakeProperties(
    @DefaultValue("4") int retries,
    @DefaultValue("200ms") Duration initialBackoff,
    @DefaultValue("5s") Duration maxBackoff) {

  IntakeProperties {
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException("mapping.intake.retries must be 0..20");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "mapping.intake.initial-backoff must be >= 0 and <= mapping.intake.max-backoff");
    }
  }
}
