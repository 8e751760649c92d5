package com.caskr.sync.writeback.capture;

import com.caskr.sync.schema.events.CaskrRowChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads {@code caskr.*.changed.v1} from the beginning with a group of its own and keeps what
 * belongs to one company (the broker is shared by every test of the JVM).
 */
final class ChangedEvents implements AutoCloseable {

  private final Consumer<String, SyncEvent> consumer;
  private final long companyId;
  private final List<CaskrRowChanged> seen = new ArrayList<>();

  ChangedEvents(ConsumerFactory<String, SyncEvent> consumers, long companyId) {
    Properties overrides = new Properties();
    overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        consumers.createConsumer("capture-test-" + UUID.randomUUID(), null, null, overrides);
    this.companyId = companyId;
    consumer.subscribe(
        List.of(
            TopicCatalogue.CASKR_CUSTOMER_CHANGED.name(),
            TopicCatalogue.CASKR_ORDER_CHANGED.name(),
            TopicCatalogue.CASKR_PORTAL_USER_CHANGED.name()));
  }

  /** Everything of the company read so far, after one more poll. */
  List<CaskrRowChanged> poll() {
    for (ConsumerRecord<String, SyncEvent> record : consumer.poll(Duration.ofMillis(200))) {
      if (record.value() instanceof CaskrRowChanged changed
          && changed.tenant().companyId() == companyId) {
        seen.add(changed);
      }
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
