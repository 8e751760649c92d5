package com.caskr.sync.ingest.connections;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/** The connected-org registry and the reader that keeps it current. */
@Configuration(proxyBeanMethods = false)
class ConnectionsConfiguration {

  @Bean
  ConnectedOrgs connectedOrgs() {
    return new ConnectedOrgs();
  }

  @Bean
  ConnectionChangesReader connectionChangesReader(
      ConsumerFactory<?, ?> consumers, ConnectedOrgs orgs, MeterRegistry registry) {
    return new ConnectionChangesReader(consumers.getConfigurationProperties(), orgs, registry);
  }
}
