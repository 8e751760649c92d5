package com.caskr.sync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.yaml.snakeyaml.Yaml;

/**
 * Flyway configured exactly as the service under test configures it: from {@code spring.flyway} of
 * the module's own {@code src/main/resources/application.yml}, so a schema test cannot drift from
 * what the service runs.
 */
public final class ServiceFlyway {

  private ServiceFlyway() {}

  public static Flyway configuredAsTheService(DataSource dataSource) {
    Map<String, Object> flyway = settings();
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(String.valueOf(flyway.get("schemas")).split(","))
        .defaultSchema(String.valueOf(flyway.get("default-schema")))
        .createSchemas(Boolean.TRUE.equals(flyway.get("create-schemas")))
        .locations(String.valueOf(flyway.get("locations")).split(","))
        .load();
  }

  /** {@code spring.flyway} of the module's own application.yml (not a test override of it). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> settings() {
    try (InputStream yml = Files.newInputStream(Path.of("src/main/resources/application.yml"))) {
      Map<String, Object> root = new Yaml().load(yml);
      return (Map<String, Object>) ((Map<String, Object>) root.get("spring")).get("flyway");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the module's application.yml", e);
    }
  }
}
