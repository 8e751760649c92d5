package com.caskr.sync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Kafka broker and the real PostgreSQL server that every test in this JVM shares.
 *
 * <p>Both start once, on first use, and stop when the JVM exits. With a Docker daemon they run in
 * Testcontainers; without one, as an in-process KRaft broker and embedded PostgreSQL binaries. Set
 * {@code -Dcaskr.test.infra=embedded} or {@code =docker} (or the environment variable {@code
 * CASKR_TEST_INFRA}) to force one.
 *
 * <p>Tests never share a database: {@link #freshDatabase(String)} creates a new one each call.
 */
public final class TestInfrastructure {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestInfrastructure() {}

  /** Bootstrap servers of the shared broker, e.g. {@code 127.0.0.1:39241}. */
  public static String kafkaBootstrapServers() {
    return Backend.INSTANCE.kafkaBootstrapServers();
  }

  /** A new, empty database on the shared server, named after {@code label} for readable logs. */
  public static TestDatabase freshDatabase(String label) {
    Backend backend = Backend.INSTANCE;
    String name =
        "t%d_%s"
            .formatted(
                DATABASES.incrementAndGet(),
                label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
    if (name.length() > 63) {
      name = name.substring(0, 63);
    }
    try (Connection admin =
            DriverManager.getConnection(
                backend.adminJdbcUrl(), backend.username(), backend.password());
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return new TestDatabase(backend.jdbcUrlFor(name), backend.username(), backend.password(), name);
  }
}
