package com.caskr.sync.writeback.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.CaskrOperation;
import com.caskr.sync.schema.events.CustomerChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import com.caskr.sync.testing.UsesTestInfrastructure;
import com.caskr.sync.writeback.testing.MappingSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * An unreadable record on a consumed topic goes to {@code <topic>.dlq} as it came, with the error
 * in the headers, and the edits around it still reach the push queue.
 */
@SpringBootTest(
    properties = {
      "writeback.push.enabled=false",
      "writeback.capture.enabled=false",
      "writeback.intake.initial-backoff=50ms",
      "writeback.intake.max-backoff=100ms"
    })
@UsesTestInfrastructure
@Import(MappingSchema.class)
class IntakeDeadLetterIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String TOPIC = TopicCatalogue.CASKR_CUSTOMER_CHANGED.name();

  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private JdbcClient jdbc;

  @Test
  void anUnreadableEditGoesToItsDeadLetterTopicAndTheNextEditIsQueued() throws Exception {
    long company = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    String key = company + "/7";
    byte[] garbage = ("{not an event " + UUID.randomUUID() + "}").getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(TOPIC, key, garbage)).get();
    }
    CustomerChanged edit =
        new CustomerChanged(
            UUID.randomUUID(),
            CustomerChanged.SCHEMA_VERSION,
            Tenant.withoutOrg(company),
            7,
            CaskrOperation.UPDATE,
            List.of("phone"),
            Map.of("phone", "555-0100"),
            Map.of("phone", "555-0199"),
            42L,
            Instant.now(),
            "0123456789abcdef0123456789abcdef");
    kafka.send(TOPIC, edit.kafkaKey(), edit).join();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "SELECT array_to_string(changed_fields, ',') FROM writeback.push_queue"
                            + " WHERE company_id = :c AND entity = 'customer' AND caskr_id = 7")
                    .param("c", company)
                    .query(String.class)
                    .optional(),
            found -> found.filter("phone"::equals).isPresent());
    ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
    assertThat(header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
    assertThat(header(dead, "kafka_dlt-exception-message")).isNotBlank();
  }

  private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
    String dlq = TOPIC + ".dlq";
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlq-test-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlq).stream()
              .map(info -> new TopicPartition(dlq, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (key.equals(record.key())) {
                    found.set(record);
                  }
                }
                return found.get() != null;
              });
      return found.get();
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
