package com.caskr.sync.ingest.testing;

import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventDeserializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What reached {@code sync.command.v1} on the shared broker, read to its current end. */
public final class CommandLog {

  private CommandLog() {}

  public static List<SyncCommandIssued> ofCompany(long companyId) {
    try (var consumer =
        new KafkaConsumer<String, SyncEvent>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()),
            new StringDeserializer(),
            new EventDeserializer())) {
      String topic = TopicCatalogue.SYNC_COMMAND.name();
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<SyncCommandIssued> commands = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic + " to its end in 30 s");
        }
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() instanceof SyncCommandIssued issued
              && issued.tenant().companyId() == companyId) {
            commands.add(issued);
          }
        }
      }
      return commands;
    }
  }
}
