package com.caskr.sync.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An in-process KRaft broker and PostgreSQL from embedded binaries: no Docker needed. */
final class EmbeddedBackend implements Backend {

  private static final String USER = "postgres";

  /**
   * System property naming a directory: when set, the server loads {@code pg_stat_statements},
   * times I/O and writes its own log there with checkpoints, every autovacuum run and the plans of
   * statements slower than 40 ms (for profiling benchmarks; off by default).
   */
  static final String PROFILE_PROPERTY = "testing.postgres.profile";

  private final EmbeddedKafkaKraftBroker kafka;
  private final EmbeddedPostgres postgres;

  private EmbeddedBackend(EmbeddedKafkaKraftBroker kafka, EmbeddedPostgres postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  static EmbeddedBackend start() {
    EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 4);
    kafka.brokerProperties(
        Map.of("group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "true"));
    kafka.afterPropertiesSet();
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off");
      String profileLogs = System.getProperty(PROFILE_PROPERTY, "");
      if (!profileLogs.isBlank()) {
        profiled(builder, Path.of(profileLogs).toAbsolutePath());
      }
      EmbeddedPostgres postgres = builder.start();
      return new EmbeddedBackend(kafka, postgres);
    } catch (IOException e) {
      kafka.destroy();
      throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
  }

  private static void profiled(EmbeddedPostgres.Builder builder, Path logs) throws IOException {
    Files.createDirectories(logs);
    builder
        .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
        .setServerConfig("auto_explain.log_min_duration", "40ms")
        .setServerConfig("auto_explain.log_analyze", "on")
        .setServerConfig("auto_explain.log_timing", "off")
        .setServerConfig("pg_stat_statements.track", "all")
        .setServerConfig("pg_stat_statements.track_planning", "on")
        .setServerConfig("track_io_timing", "on")
        .setServerConfig("logging_collector", "on")
        .setServerConfig("log_directory", logs.toString())
        .setServerConfig("log_line_prefix", "%m:%p:")
        .setServerConfig("log_checkpoints", "on")
        .setServerConfig("log_autovacuum_min_duration", "0");
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.getBrokersAsString();
  }

  @Override
  public String adminJdbcUrl() {
    return jdbcUrlFor("postgres");
  }

  @Override
  public String jdbcUrlFor(String database) {
    return "jdbc:postgresql://localhost:%d/%s".formatted(postgres.getPort(), database);
  }

  @Override
  public String username() {
    return USER;
  }

  @Override
  public String password() {
    return "";
  }

  @Override
  public void stop() {
    kafka.destroy();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
