package com.caskr.sync.mapping.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin API's own read side (the sync log). */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

  @Bean
  SyncLogs syncLogs(JdbcClient jdbc) {
    return new SyncLogs(jdbc);
  }
}
