package com.caskr.sync.mapping.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sync's metrics, {@code crm_pending_conflicts} counted from crm_sync_conflicts. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  SyncMetrics syncMetrics(MeterRegistry registry) {
    return new SyncMetrics(registry, Clock.systemUTC());
  }

  @Bean
  Gauge pendingConflicts(MeterRegistry registry, JdbcClient jdbc) {
    return Gauge.builder(
            "crm_pending_conflicts",
            jdbc,
            client ->
                client
                    .sql("SELECT count(*) FROM mapping.crm_sync_conflicts WHERE status = 'PENDING'")
                    .query(Long.class)
                    .single())
        .description("Conflicts waiting for a reviewer, all companies")
        .register(registry);
  }
}
