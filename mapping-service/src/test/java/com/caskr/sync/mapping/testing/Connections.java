package com.caskr.sync.mapping.testing;

import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * auth-service's side of a test: publishes {@code auth.connection.changed.v1} as auth-service's
 * outbox does (key company id) and waits until the running service's tenancy consumer has applied
 * it to {@code crm_company_orgs}, so a test's record events never race their company's connection.
 */
public final class Connections {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private final JdbcClient jdbc;

  public Connections(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A connection change of {@code tenant}, as auth-service's outbox writes it. */
  public static ConnectionChanged changed(
      Tenant tenant, ConnectionState state, Instant occurredAt) {
    return new ConnectionChanged(
        UUID.randomUUID(),
        ConnectionChanged.SCHEMA_VERSION,
        tenant,
        state,
        null,
        SalesforceEnvironment.PRODUCTION,
        URI.create("https://copperstill.my.salesforce.com"),
        null,
        occurredAt.truncatedTo(ChronoUnit.MILLIS),
        "trace-" + UUID.randomUUID());
  }

  /** Connects {@code tenant}'s company to its org and waits for the binding. */
  public void connect(Tenant tenant) {
    change(tenant, ConnectionState.CONNECTED);
  }

  /** Publishes a change of {@code tenant} in {@code state}, now, and waits until it applied. */
  public void change(Tenant tenant, ConnectionState state) {
    applied(changed(tenant, state, Instant.now()));
  }

  /** Publishes {@code change} and waits until the binding shows it. */
  public void applied(ConnectionChanged change) {
    publish(change);
    String expected = change.tenant().orgId().value() + " " + change.state();
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                        "SELECT org_id || ' ' || state FROM mapping.crm_company_orgs"
                            + " WHERE company_id = ? AND changed_at = ?")
                    .params(change.tenant().companyId(), Timestamp.from(change.occurredAt()))
                    .query(String.class)
                    .optional()
                    .filter(expected::equals)
                    .isPresent());
  }

  /**
   * Publishes {@code event} on its topic and waits for Kafka's acknowledgement.
   *
   * @return where it landed
   */
  public static RecordMetadata publish(SyncEvent event) {
    try (KafkaProducer<String, SyncEvent> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new EventSerializer())) {
      return producer
          .send(
              new ProducerRecord<>(TopicCatalogue.topicFor(event).name(), event.kafkaKey(), event))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Kafka did not take " + event.getClass().getSimpleName(), e);
    }
  }
}
