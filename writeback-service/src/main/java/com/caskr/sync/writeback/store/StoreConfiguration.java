package com.caskr.sync.writeback.store;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.writeback.plan.PushQueue;
import com.caskr.sync.writeback.plan.SyncState;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The push queue and the sync's records in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

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
  SyncState syncState(
      JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, SyncEvent> kafka) {
    return new JdbcSyncState(jdbc, transactions, kafka);
  }
}
