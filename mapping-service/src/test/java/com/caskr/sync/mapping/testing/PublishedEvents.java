package com.caskr.sync.mapping.testing;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/** Reads what the service published on a topic of the shared broker, from the beginning. */
public final class PublishedEvents {

  private final ConsumerFactory<String, SyncEvent> consumers;

  public PublishedEvents(ConsumerFactory<String, SyncEvent> consumers) {
    this.consumers = consumers;
  }

  /**
   * Waits (up to 120 s, builds share two cores) until {@code count} events on {@code topic} match,
   * and returns them.
   */
  public <E extends SyncEvent> List<E> await(
      Topic topic, Class<E> type, Predicate<E> matching, int count) {
    Properties overrides = new Properties();
    overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<E> found = new ArrayList<>();
    try (Consumer<String, SyncEvent> consumer =
        consumers.createConsumer("test-" + UUID.randomUUID(), null, null, overrides)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (found.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SyncEvent> record : consumer.poll(Duration.ofMillis(200))) {
          if (type.isInstance(record.value()) && matching.test(type.cast(record.value()))) {
            found.add(type.cast(record.value()));
          }
        }
      }
    }
    if (found.size() < count) {
      throw new AssertionError(
          "expected " + count + " matching events on " + topic.name() + ", saw " + found.size());
    }
    return found;
  }
}
