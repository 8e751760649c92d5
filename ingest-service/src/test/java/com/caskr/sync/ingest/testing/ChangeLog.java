package com.caskr.sync.ingest.testing;

import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventDeserializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What reached {@code salesforce.<entity>.changed.v1} on the shared broker: reads every partition
 * of the three topics from the beginning. Tests filter by their own company ids.
 */
public final class ChangeLog {

  private static final List<String> TOPICS =
      List.of(
          TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name(),
          TopicCatalogue.SALESFORCE_CONTACT_CHANGED.name(),
          TopicCatalogue.SALESFORCE_OPPORTUNITY_CHANGED.name());

  private ChangeLog() {}

  /** A record as read: key plus envelope. */
  public record Entry(String topic, String key, SalesforceRecordChanged change) {}

  /** Every change on the three topics that matches {@code filter}, read to the current end. */
  public static List<Entry> read(Predicate<SalesforceRecordChanged> filter) {
    try (var consumer =
        new KafkaConsumer<String, SyncEvent>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new EventDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : TOPICS) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<Entry> entries = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read the change topics to their end in 30 s");
        }
        for (ConsumerRecord<String, SyncEvent> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() instanceof SalesforceRecordChanged change && filter.test(change)) {
            entries.add(new Entry(record.topic(), record.key(), change));
          }
        }
      }
      return entries;
    }
  }

  /** Changes of one company. */
  public static List<Entry> ofCompany(long companyId) {
    return read(change -> change.tenant().companyId() == companyId);
  }

  private static boolean caughtUp(
      KafkaConsumer<String, SyncEvent> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
  }
}
