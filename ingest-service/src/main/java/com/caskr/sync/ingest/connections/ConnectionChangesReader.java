package com.caskr.sync.ingest.connections;

import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventDeserializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code auth.connection.changed.v1} from the beginning into {@link ConnectedOrgs} on start
 * and follows it. Every instance reads every partition (assigned, no consumer group offsets): the
 * registry is a full copy of the compacted topic, not a share of it.
 *
 * <p>A record that cannot be read is logged with its position, counted ({@code
 * crm_ingest_connection_events_unreadable_total}) and skipped: blocking here would freeze every
 * org's state, and the next event of that company (the topic is compacted per company) replaces it.
 */
final class ConnectionChangesReader implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionChangesReader.class);
  private static final String TOPIC = TopicCatalogue.AUTH_CONNECTION_CHANGED.name();

  private final Map<String, Object> consumerSettings;
  private final ConnectedOrgs orgs;
  private final Counter unreadable;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile KafkaConsumer<String, SyncEvent> consumer;
  private volatile boolean running;

  ConnectionChangesReader(
      Map<String, Object> consumerSettings, ConnectedOrgs orgs, MeterRegistry registry) {
    Map<String, Object> settings = new HashMap<>(consumerSettings);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-connections-" + System.nanoTime());
    this.consumerSettings = settings;
    this.orgs = orgs;
    this.unreadable =
        Counter.builder("crm.ingest.connection.events.unreadable")
            .description(
                "auth.connection.changed.v1 records that could not be read and were skipped")
            .register(registry);
  }

  @Override
  public void start() {
    consumer =
        new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new EventDeserializer());
    running = true;
    Thread.ofVirtual().name("ingest-connections").start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, SyncEvent> current = consumer;
    if (current != null) {
      current.wakeup();
      try {
        if (!stopped.await(10, TimeUnit.SECONDS)) {
          LOG.warn("Connection reader did not stop within 10 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try (KafkaConsumer<String, SyncEvent> reader = consumer) {
      List<TopicPartition> partitions = partitions(reader);
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> startupEnd = reader.endOffsets(partitions);
      while (running) {
        poll(reader);
        if (!orgs.loaded() && caughtUp(reader, startupEnd)) {
          orgs.markLoaded();
          LOG.info("Connected orgs loaded: {} live", orgs.live().size());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("Connection reader woken up while running", e);
      }
    } catch (RuntimeException e) {
      LOG.error("Connection reader stopped; connected orgs no longer follow {}", TOPIC, e);
    } finally {
      running = false;
      stopped.countDown();
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, SyncEvent> reader) {
    while (running) {
      try {
        var infos = reader.partitionsFor(TOPIC, Duration.ofSeconds(10));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        }
        LOG.warn("Topic {} has no partitions yet; retrying", TOPIC);
      } catch (TimeoutException e) {
        LOG.warn("Kafka did not answer for {} within 10 s; retrying", TOPIC);
      }
    }
    throw new WakeupException();
  }

  private void poll(KafkaConsumer<String, SyncEvent> reader) {
    try {
      for (ConsumerRecord<String, SyncEvent> record : reader.poll(Duration.ofMillis(500))) {
        apply(record);
      }
    } catch (RecordDeserializationException e) {
      unreadable.increment();
      LOG.error(
          "Skipping unreadable record at {}@{}: {}",
          e.topicPartition(),
          e.offset(),
          e.getMessage());
      reader.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private void apply(ConsumerRecord<String, SyncEvent> record) {
    switch (record.value()) {
      case null -> {
        try {
          orgs.remove(Long.parseLong(record.key()));
        } catch (NumberFormatException e) {
          unreadable.increment();
          LOG.error(
              "Skipping tombstone with a key that is no company id at offset {}", record.offset());
        }
      }
      case ConnectionChanged change -> orgs.apply(change);
      default -> {
        unreadable.increment();
        LOG.error("Skipping a record that is no ConnectionChanged at offset {}", record.offset());
      }
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<String, SyncEvent> reader, Map<TopicPartition, Long> startupEnd) {
    return startupEnd.entrySet().stream()
        .allMatch(end -> reader.position(end.getKey()) >= end.getValue());
  }
}
