package com.caskr.sync.ingest.leadership;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.leadership}: how often the lock connection is checked and free orgs are tried,
 * which bounds failover time after the leader dies.
 */
@ConfigurationProperties("ingest.leadership")
record LeadershipProperties(@DefaultValue("5s") Duration checkInterval) {

  LeadershipProperties {
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("ingest.leadership.check-interval must be positive");
    }
  }
}
