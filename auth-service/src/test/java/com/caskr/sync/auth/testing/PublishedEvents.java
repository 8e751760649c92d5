package com.caskr.sync.auth.testing;

import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventDeserializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code auth.connection.changed.v1} events a test caused: their ids come from this test's
 * outbox table, the events themselves from the shared broker (where other test classes publish for
 * the same company ids).
 */
public final class PublishedEvents {

  private static final String TOPIC = TopicCatalogue.AUTH_CONNECTION_CHANGED.name();

  private final JdbcClient jdbc;

  public PublishedEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The ids of the company's outbox rows, oldest first, published or not. */
  public List<UUID> written(long companyId) {
    return jdbc.sql("select event_id from outbox_events where company_id = ? order by id")
        .param(companyId)
        .query(UUID.class)
        .list();
  }

  /** Waits until the relay marked all of the company's rows published. */
  public void awaitAllPublished(long companyId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from outbox_events"
                                + " where company_id = ? and published_at is null")
                        .param(companyId)
                        .query(Long.class)
                        .single()
                    == 0);
  }

  /** The events with these ids as they arrived on the topic, each as often as it arrived. */
  public List<ConnectionChanged> onTheTopic(List<UUID> eventIds) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, SyncEvent> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new EventDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(info -> new TopicPartition(TOPIC, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConnectionChanged> found = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, SyncEvent> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() instanceof ConnectionChanged changed
              && eventIds.contains(changed.eventId())) {
            found.add(changed);
          }
        }
      }
      return found;
    }
  }
}
