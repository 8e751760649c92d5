package com.caskr.sync.writeback.database;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Caskr stand-in schema is migrated first: this service's own migrations refer to it. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean
  FlywayMigrationStrategy caskrSchemaFirst() {
    return flyway -> {
      CaskrDomainSchema.migrate(flyway.getConfiguration().getDataSource());
      flyway.migrate();
    };
  }
}
