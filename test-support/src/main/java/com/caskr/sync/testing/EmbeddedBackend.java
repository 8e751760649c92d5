package com.caskr.sync.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An in-process KRaft broker and PostgreSQL from embedded binaries: no Docker needed. */
final class EmbeddedBackend implements Backend {

  private static final String USER = "postgres";

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
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .start();
      return new EmbeddedBackend(kafka, postgres);
    } catch (IOException e) {
      kafka.destroy();
      throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
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
