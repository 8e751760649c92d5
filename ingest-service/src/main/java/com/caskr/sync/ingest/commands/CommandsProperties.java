package com.caskr.sync.ingest.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.commands}.
 *
 * @param tick how often the leader looks for stored commands of its orgs
 * @param maxAttempts failed attempts before a command is left FAILED
 * @param firstRetry wait after the first failure; doubles with each further one
 */
@ConfigurationProperties("ingest.commands")
record CommandsProperties(
    @DefaultValue("2s") Duration tick,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("30s") Duration firstRetry) {

  CommandsProperties {
    if (tick.isNegative() || tick.isZero() || firstRetry.isNegative() || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "ingest.commands: tick and first-retry must be positive, max-attempts at least 1");
    }
  }
}
