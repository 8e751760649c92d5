package com.caskr.sync.mapping.settings;

import com.caskr.sync.mapping.fieldmap.FieldMapper;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Company settings from the mapping tables, cached, and the field mapper that uses them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SettingsProperties.class)
class SettingsConfiguration {

  @Bean
  SettingsStore settingsStore(JdbcClient jdbc) {
    return new SettingsStore(jdbc);
  }

  @Bean
  CompanySettings companySettings(SettingsStore store, SettingsProperties properties) {
    return new CompanySettings(store, properties.maxAge(), Clock.systemUTC());
  }

  @Bean
  FieldMapper fieldMapper(JdbcClient jdbc, CompanySettings settings) {
    return new FieldMapper(new JdbcLookups(jdbc, settings));
  }
}
