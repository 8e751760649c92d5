package com.caskr.sync.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a whole topic from the beginning to its current end, values as JSON (no consumer group).
 */
final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;

  TopicReader(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }

  /** Every value in {@code topic} now; empty when the topic does not exist yet. */
  synchronized List<JsonNode> all(String topic) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (partitions == null || partitions.isEmpty()) {
      return List.of();
    }
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(10));
    List<JsonNode> values = new ArrayList<>();
    while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.value() != null) {
          values.add(Http.JSON.readTree(record.value()));
        }
      }
    }
    return values;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
