package com.caskr.sync.auth.connect;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connect flow's settings ({@code auth.connect.*}).
 *
 * @param stateTtl how long an admin has from Connect to the callback (10 minutes)
 */
@ConfigurationProperties("auth.connect")
record ConnectProperties(Duration stateTtl) {

  ConnectProperties {
    stateTtl = stateTtl == null ? Duration.ofMinutes(10) : stateTtl;
    if (stateTtl.isNegative() || stateTtl.isZero() || stateTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("auth.connect.state-ttl must be between 1 s and 1 h");
    }
  }
}
