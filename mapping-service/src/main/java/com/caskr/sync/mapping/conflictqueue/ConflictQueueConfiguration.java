package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.mapping.conflicts.ConflictDetector;
import com.caskr.sync.mapping.outbox.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The conflict detector, the conflict queue, reviewers' resolutions and crm_pending_conflicts. */
@Configuration(proxyBeanMethods = false)
class ConflictQueueConfiguration {

  @Bean
  ConflictDetector conflictDetector() {
    return new ConflictDetector();
  }

  @Bean
  ConflictQueue conflictQueue(JdbcClient jdbc, Outbox outbox, MeterRegistry meters) {
    var queue = new ConflictQueue(jdbc, outbox, Clock.systemUTC());
    // Counted at scrape time: one count over the partial unique index of pending rows.
    Gauge.builder("crm_pending_conflicts", queue, ConflictQueue::pendingCount)
        .description("Conflicts waiting for a reviewer, all companies")
        .register(meters);
    return queue;
  }

  @Bean
  ConflictResolutions conflictResolutions(
      JdbcClient jdbc, TransactionTemplate transactions, ConflictQueue queue, Outbox outbox) {
    return new ConflictResolutions(jdbc, transactions, queue, outbox, Clock.systemUTC());
  }
}
