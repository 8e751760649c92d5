package com.caskr.sync.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Kafka (KRaft, the official apache/kafka image) and PostgreSQL in containers. */
final class ContainerBackend implements Backend {

  private final KafkaContainer kafka;
  private final PostgreSQLContainer postgres;

  private ContainerBackend(KafkaContainer kafka, PostgreSQLContainer postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  static ContainerBackend start() {
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    PostgreSQLContainer postgres =
        new PostgreSQLContainer("postgres:17-alpine")
            .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
    kafka.start();
    postgres.start();
    return new ContainerBackend(kafka, postgres);
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String adminJdbcUrl() {
    return jdbcUrlFor("postgres");
  }

  @Override
  public String jdbcUrlFor(String database) {
    return "jdbc:postgresql://%s:%d/%s"
        .formatted(postgres.getHost(), postgres.getMappedPort(5432), database);
  }

  @Override
  public String username() {
    return postgres.getUsername();
  }

  @Override
  public String password() {
    return postgres.getPassword();
  }

  @Override
  public void stop() {
    kafka.stop();
    postgres.stop();
  }
}
