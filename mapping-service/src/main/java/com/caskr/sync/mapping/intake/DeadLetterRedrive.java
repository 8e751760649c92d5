package com.caskr.sync.mapping.intake;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Re-publishes dead letters of one org to their original topic, after a fix: the bytes as they were
 * (a record that still fails goes back to the DLQ). Each org reads a DLQ with its own consumer
 * group, so re-driving one org's records never skips another's; the group's offsets move only past
 * records that were re-published and acknowledged.
 */
final class DeadLetterRedrive {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final ConsumerFactory<String, byte[]> consumers;
  private final KafkaOperations<String, byte[]> producer;
  private final String groupPrefix;

  DeadLetterRedrive(
      ConsumerFactory<String, byte[]> consumers,
      KafkaOperations<String, byte[]> producer,
      String groupPrefix) {
    this.consumers = consumers;
    this.producer = producer;
    this.groupPrefix = groupPrefix;
  }

  /**
   * Re-drives up to {@code maxCount} (all when null) dead letters of {@code tenant}'s org from
   * {@code dlqTopic}, oldest first per partition.
   *
   * @return how many records were re-published
   */
  int redrive(Tenant tenant, String dlqTopic, Integer maxCount) {
    Topic dlq =
        TopicCatalogue.byName(dlqTopic)
            .filter(Topic::isDeadLetter)
            .orElseThrow(
                () -> new IllegalArgumentException("Not a dead-letter topic: " + dlqTopic));
    String target = dlq.baseName();
    String keyPrefix = tenant.orgId().value() + "/";
    int limit = maxCount == null ? Integer.MAX_VALUE : maxCount;
    int redriven = 0;
    try (Consumer<String, byte[]> consumer =
        consumers.createConsumer(groupPrefix + tenant.orgId().value(), "redrive")) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlq.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new java.util.HashSet<>(partitions));
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
      while (redriven < limit && !reachedEnd(consumer, partitions, end)) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition) || redriven >= limit) {
            continue;
          }
          if (record.key() != null && record.key().startsWith(keyPrefix)) {
            send(new ProducerRecord<>(target, null, record.key(), record.value(), kept(record)));
            redriven++;
          }
          done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        if (!done.isEmpty()) {
          consumer.commitSync(done);
        }
        if (redriven >= limit) {
          break;
        }
      }
    }
    return redriven;
  }

  private static boolean reachedEnd(
      Consumer<String, byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    return partitions.stream()
        .allMatch(partition -> consumer.position(partition) >= end.get(partition));
  }

  /** The original headers without the dead-letter bookkeeping of the failed attempt. */
  private static RecordHeaders kept(ConsumerRecord<String, byte[]> record) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith(KafkaHeaders.PREFIX)) {
        headers.add(header);
      }
    }
    return headers;
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge a re-driven record", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while re-driving", e);
    }
  }
}
