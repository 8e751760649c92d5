package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends one record through a service's own producer configuration and reads it back through its own
 * consumer configuration: proves serialisers, acks and bootstrap settings fit together.
 */
public final class KafkaRoundTrip {

  private KafkaRoundTrip() {}

  public static <V> ConsumerRecord<String, V> sendAndReceive(
      KafkaTemplate<String, V> template,
      ConsumerFactory<String, V> consumers,
      String topic,
      String key,
      V value) {
    SendResult<String, V> sent;
    try {
      sent = template.send(topic, key, value).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("Kafka did not acknowledge the record on " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while sending to " + topic, e);
    }
    TopicPartition partition = new TopicPartition(topic, sent.getRecordMetadata().partition());
    long offset = sent.getRecordMetadata().offset();

    try (Consumer<String, V> consumer =
        consumers.createConsumer(
            "round-trip-" + UUID.randomUUID(),
            null,
            null,
            toProperties(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")))) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(250))) {
          if (record.offset() == offset) {
            assertThat(record.key()).isEqualTo(key);
            return record;
          }
        }
      }
    }
    throw new AssertionError("Record at " + partition + "@" + offset + " was not read back");
  }

  private static java.util.Properties toProperties(Map<String, Object> map) {
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(map);
    return properties;
  }
}
