package com.caskr.sync.writeback.store;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.writeback.plan.PassLoop;
import com.caskr.sync.writeback.plan.PushQueue;
import com.caskr.sync.writeback.plan.SyncState;
import com.caskr.sync.writeback.running.RunningLoop;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The push queue, the sync's records and the outbox in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  private static final int OUTBOX_BATCH = 500;

  /**
   * {@code writeback.queue.settle}: how long a burst of edits must have been quiet before a pass
   * takes it; {@code writeback.queue.max-wait}: the most an edit waits for that.
   */
  @Bean
  PushQueue pushQueue(
      JdbcClient jdbc,
      @Value("${writeback.queue.settle:300ms}") Duration settle,
      @Value("${writeback.queue.max-wait:3s}") Duration maxWait) {
    if (settle.isNegative() || maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "writeback.queue.settle and max-wait must not be negative");
    }
    return new JdbcPushQueue(jdbc, settle, maxWait);
  }

  @Bean
  SyncState syncState(JdbcClient jdbc, TransactionTemplate transactions) {
    return new JdbcSyncState(jdbc, transactions);
  }

  /** The outbox of conflict events (V3); {@code writeback.outbox.*} as the capture relay's. */
  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, SyncEvent> kafka,
      @Value("${writeback.outbox.send-timeout:30s}") Duration sendTimeout) {
    return new OutboxRelay(jdbc, transactions, kafka, OUTBOX_BATCH, sendTimeout);
  }

  @Bean
  @ConditionalOnProperty(name = "writeback.outbox.enabled", matchIfMissing = true)
  RunningLoop outboxRelaying(
      OutboxRelay relay, @Value("${writeback.outbox.poll-interval:200ms}") Duration pollInterval) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("writeback.outbox.poll-interval must be positive");
    }
    // Straight after a full pass, after the poll interval otherwise or after a failed one.
    return new RunningLoop(
        new PassLoop(
            "writeback-outbox-relay",
            pollInterval,
            () -> relay.relayOnce() >= OUTBOX_BATCH,
            "Outbox relay pass failed; its events stay unsent and go in a later pass"));
  }
}
