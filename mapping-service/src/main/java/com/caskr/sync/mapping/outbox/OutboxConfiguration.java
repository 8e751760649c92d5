package com.caskr.sync.mapping.outbox;

import com.caskr.sync.mapping.kafka.RawProducer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox writer, its relay and the thread that runs the relay. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      RawProducer producer,
      OutboxProperties properties) {
    return new OutboxRelay(
        jdbc, transactions, producer.template(), properties.batchSize(), properties.sendTimeout());
  }

  @Bean
  RelayLoop outboxRelayLoop(OutboxRelay relay, OutboxProperties properties) {
    return new RelayLoop(relay, properties.pollInterval());
  }

  @Bean
  Outbox outbox(JdbcClient jdbc, RelayLoop loop) {
    return new Outbox(jdbc, loop::wake);
  }
}
