package com.caskr.sync.writeback.testing;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * In production mapping-service migrates the {@code mapping} schema that writeback reads and writes
 * (ADR 0020); a test database gets it from mapping-service's own migration files, before
 * writeback's, so the tests run against the real tables.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MappingSchema {

  private static final Path MIGRATIONS =
      Path.of("..", "mapping-service", "src", "main", "resources", "db", "migration", "mapping");

  @Bean
  @Primary
  FlywayMigrationStrategy caskrThenMappingThenWriteback() {
    return flyway -> {
      if (!Files.isDirectory(MIGRATIONS)) {
        throw new IllegalStateException("mapping-service's migrations not found at " + MIGRATIONS);
      }
      CaskrDomainSchema.migrate(flyway.getConfiguration().getDataSource());
      Flyway.configure()
          .dataSource(flyway.getConfiguration().getDataSource())
          .schemas("mapping")
          .defaultSchema("mapping")
          .createSchemas(true)
          .locations("filesystem:" + MIGRATIONS.toAbsolutePath().normalize())
          .load()
          .migrate();
      flyway.migrate();
    };
  }
}
