package com.caskr.sync.auth.outbox;

import com.caskr.sync.schema.events.SyncEvent;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay from {@code auth.outbox_events} to Kafka, on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, SyncEvent> kafka,
      OutboxProperties properties) {
    return new OutboxRelay(jdbc, transactions, kafka, properties, Clock.systemUTC());
  }
}
