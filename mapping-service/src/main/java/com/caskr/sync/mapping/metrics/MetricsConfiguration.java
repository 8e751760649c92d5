package com.caskr.sync.mapping.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake's metrics; {@code crm_pending_conflicts} is registered with the conflict queue
 * (conflictqueue).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  SyncMetrics syncMetrics(MeterRegistry registry) {
    return new SyncMetrics(registry, Clock.systemUTC());
  }
}
