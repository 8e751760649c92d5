package com.caskr.sync.auth.store;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connection store and the pending connect flows on this service's schema, and the gauge of
 * connections by state.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean
  JdbcConnectionStore connectionStore(JdbcClient jdbc, TransactionTemplate transactions) {
    return new JdbcConnectionStore(jdbc, transactions);
  }

  @Bean
  JdbcPendingAuthorizations pendingAuthorizations(JdbcClient jdbc) {
    return new JdbcPendingAuthorizations(jdbc);
  }

  @Bean
  ConnectionStateGauge connectionStateGauge(JdbcClient jdbc, MeterRegistry meters) {
    return new ConnectionStateGauge(jdbc, meters);
  }
}
