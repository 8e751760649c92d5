package com.caskr.sync.mapping.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mapping.intake.*}: how often a failing record is retried before it goes to its DLQ, and
 * how the change listener's consumers fetch.
 *
 * @param retries attempts after the first one
 * @param initialBackoff wait before the first retry; doubled for each further one
 * @param maxBackoff the longest wait between two attempts
 * @param fetchMinSize the change listener's {@code fetch.min.bytes}: the broker holds a fetch until
 *     this much has arrived or {@code fetchMaxWait} passed, so a steady stream arrives in batches
 *     instead of one change per fetch (ADR 0021, fifth pass); a backlog fills it at once
 * @param fetchMaxWait the change listener's {@code fetch.max.wait.ms}: the longest a change waits
 *     at the broker for others to join its fetch
 */
@ConfigurationProperties("mapping.intake")
record IntakeProperties(
    @DefaultValue("4") int retries,
    @DefaultValue("200ms") Duration initialBackoff,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("64KB") DataSize fetchMinSize,
    @DefaultValue("20ms") Duration fetchMaxWait) {

  IntakeProperties {
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException("mapping.intake.retries must be 0..20");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "mapping.intake.initial-backoff must be >= 0 and <= mapping.intake.max-backoff");
    }
    if (fetchMinSize.toBytes() < 1 || fetchMinSize.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("mapping.intake.fetch-min-size must be 1B..2GB");
    }
    if (fetchMaxWait.isNegative() || fetchMaxWait.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("mapping.intake.fetch-max-wait must be 0..1s");
    }
  }
}
