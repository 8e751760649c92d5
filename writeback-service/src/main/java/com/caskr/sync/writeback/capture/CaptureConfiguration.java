package com.caskr.sync.writeback.capture;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.writeback.plan.PassLoop;
import com.caskr.sync.writeback.running.RunningLoop;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The trigger-log relay: Caskr-side edits captured in PostgreSQL become Kafka events. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaptureProperties.class)
class CaptureConfiguration {

  @Bean
  TriggerLogRelay triggerLogRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, SyncEvent> kafka,
      CaptureProperties properties) {
    return new TriggerLogRelay(
        jdbc, transactions, kafka, properties.batchSize(), properties.sendTimeout());
  }

  @Bean
  @ConditionalOnProperty(name = "writeback.capture.enabled", matchIfMissing = true)
  RunningLoop captureRelaying(TriggerLogRelay relay, CaptureProperties properties) {
    // Straight after a full pass (there may be more), after the poll interval otherwise, and after
    // a backoff of the same length when Kafka or the database failed.
    return new RunningLoop(
        new PassLoop(
            "trigger-log-relay",
            properties.pollInterval(),
            () -> relay.relayOnce() >= properties.batchSize(),
            "Trigger-log relay pass failed; rows stay unsent and go in a later pass"));
  }
}
