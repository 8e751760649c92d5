package com.caskr.sync.ingest.syncstate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** mapping-service's tables that ingest reads and logs to (ADR 0017). */
@Configuration(proxyBeanMethods = false)
class SyncStateConfiguration {

  @Bean
  MappingSchema mappingSchema(@Value("${ingest.mapping-schema:mapping}") String name) {
    return new MappingSchema(name);
  }

  @Bean
  SyncPreferences syncPreferences(JdbcClient jdbc, MappingSchema schema) {
    return new SyncPreferences(jdbc, schema);
  }

  @Bean
  SyncLogs syncLogs(JdbcClient jdbc, MappingSchema schema) {
    return new SyncLogs(jdbc, schema);
  }
}
