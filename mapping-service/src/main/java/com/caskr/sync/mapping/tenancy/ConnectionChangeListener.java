package com.caskr.sync.mapping.tenancy;

import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.SyncEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code auth.connection.changed.v1} (compacted, keyed by company id, so one company's
 * changes arrive in order) into {@link TenantBindings}. The bindings live in PostgreSQL, shared by
 * every instance, so the topic is read once by the service's consumer group ({@code
 * <spring.kafka.consumer.group-id>.connection-changes}), not once per instance as ingest-service's
 * in-memory registry reads it. A record that is no ConnectionChanged fails and goes to the error
 * handler (retries, then the DLQ).
 */
final class ConnectionChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionChangeListener.class);

  private final TenantBindings bindings;

  ConnectionChangeListener(TenantBindings bindings) {
    this.bindings = bindings;
  }

  @KafkaListener(
      id = "connection-changes",
      groupId = "${spring.kafka.consumer.group-id}.connection-changes",
      topics = "auth.connection.changed.v1")
  void onChange(ConsumerRecord<String, SyncEvent> record) {
    switch (record.value()) {
      case null -> forget(record.key());
      case ConnectionChanged change -> {
        if (bindings.apply(change)) {
          LOG.info(
              "Company {} is {} with org {}",
              change.tenant().companyId(),
              change.state(),
              change.tenant().orgId().value());
        } else {
          LOG.info(
              "Ignored connection change {} of company {}: a newer one is applied",
              change.eventId(),
              change.tenant().companyId());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "Expected ConnectionChanged on " + record.topic() + ", got " + record.value());
    }
  }

  private void forget(String key) {
    long companyId;
    try {
      companyId = Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("A tombstone whose key is no company id: " + key, e);
    }
    if (bindings.forget(companyId)) {
      LOG.info("Company {} was forgotten by auth-service; its binding is retired", companyId);
    }
  }
}
