package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/**
 * What the intake tests do and look at, against the running service: publish events the way
 * ingest-service does (key {@code <org>/<record>}), read Caskr rows, sync-log lines and dead
 * letters.
 */
final class Intake {

  static final Duration WAIT = Duration.ofSeconds(90);

  private final JdbcClient jdbc;

  Intake(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new active company, connected to a new org through auth-service's event. */
  Tenant connectedCompany() {
    Tenant tenant = unconnectedCompany();
    new Connections(jdbc).connect(tenant);
    return tenant;
  }

  /** A new active company and an org that auth-service has not connected to it (yet). */
  Tenant unconnectedCompany() {
    long id =
        jdbc.sql("INSERT INTO caskr.company (name) VALUES ('Distillery') RETURNING id")
            .query(Long.class)
            .single();
    return new Tenant(id, Changes.newId("00D"));
  }

  void send(SyncEvent event) {
    Connections.publish(event);
  }

  /**
   * Asks the service to re-drive {@code tenant}'s dead letters of {@code dlq}.
   *
   * @return where the command landed on sync.command.v1
   */
  RecordMetadata redrive(Tenant tenant, String dlq, Integer maxCount) {
    return Connections.publish(
        new SyncCommandIssued(
            UUID.randomUUID(),
            SyncCommandIssued.SCHEMA_VERSION,
            tenant,
            new SyncCommand.RedriveDeadLetters(dlq, maxCount),
            "ops@caskr.example",
            Instant.now(),
            "trace-redrive-" + UUID.randomUUID()));
  }

  void product(Tenant tenant, String sku) {
    jdbc.sql("INSERT INTO caskr.products (company_id, sku, name) VALUES (?, ?, ?)")
        .params(tenant.companyId(), sku, sku)
        .update();
  }

  Map<String, Object> awaitCustomer(Tenant tenant, SalesforceId account) {
    return awaitRow("caskr.customers", "salesforce_account_id", tenant, account);
  }

  Map<String, Object> awaitRow(String table, String idColumn, Tenant tenant, SalesforceId id) {
    String json =
        await().atMost(WAIT).until(() -> row(table, idColumn, tenant, id), Objects::nonNull);
    return EventJson.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
  }

  /** The row as JSON text, or null while there is none. */
  String row(String table, String idColumn, Tenant tenant, SalesforceId id) {
    return jdbc.sql(
            "SELECT to_jsonb(t)::text FROM "
                + table
                + " t WHERE company_id = ? AND "
                + idColumn
                + " = ?")
        .params(tenant.companyId(), id.value())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  long count(String table, long companyId) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE company_id = ?")
        .param(companyId)
        .query(Long.class)
        .single();
  }

  /** {@code operation status error_code} of the record's sync-log rows, oldest first. */
  List<String> log(Tenant tenant, SalesforceId id) {
    return jdbc.sql(
            "SELECT operation || ' ' || status || ' ' || coalesce(error_code, 'null')"
                + " FROM mapping.crm_sync_logs WHERE company_id = ? AND salesforce_id = ?"
                + " ORDER BY id")
        .params(tenant.companyId(), id.value())
        .query(String.class)
        .list();
  }

  /** Waits until the record has {@code size} sync-log rows and returns them. */
  List<String> awaitLog(Tenant tenant, SalesforceId id, int size) {
    await().atMost(WAIT).until(() -> log(tenant, id).size() >= size);
    return log(tenant, id);
  }

  /** Waits for {@code event} on its DLQ, checks its key and error header, returns the record. */
  ConsumerRecord<String, byte[]> awaitDeadLetter(SalesforceRecordChanged event) {
    String dlq = TopicCatalogue.topicFor(event).deadLetter().name();
    String eventId = event.eventId().toString();
    List<ConsumerRecord<String, byte[]>> found = deadLetters(dlq, eventId, 1);
    assertThat(found.getFirst().key()).isEqualTo(event.kafkaKey());
    assertThat(found.getFirst().headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
    return found.getFirst();
  }

  /** How many records on {@code topic}, as it stands now, contain {@code text}. */
  int copies(String topic, String text) {
    int copies = 0;
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < end.get(new TopicPartition(topic, record.partition()))
              && new String(record.value(), StandardCharsets.UTF_8).contains(text)) {
            copies++;
          }
        }
      }
    }
    return copies;
  }

  /** Waits until {@code count} records of {@code dlq} contain {@code text}, returns them. */
  List<ConsumerRecord<String, byte[]>> deadLetters(String dlq, String text, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlq).stream()
              .map(info -> new TopicPartition(dlq, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (new String(record.value(), StandardCharsets.UTF_8).contains(text)) {
                    found.add(record);
                  }
                }
                return found.size() >= count;
              });
    }
    return found;
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "intake-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
