package com.caskr.sync.mapping.tenancy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The company ↔ org bindings and their consumer of auth-service's connection changes. */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

  @Bean
  TenantBindings tenantBindings(JdbcClient jdbc) {
    return new TenantBindings(jdbc);
  }

  @Bean
  ConnectionChangeListener connectionChangeListener(TenantBindings bindings) {
    return new ConnectionChangeListener(bindings);
  }
}
