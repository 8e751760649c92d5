package com.caskr.sync.mapping.intake;

import com.caskr.sync.mapping.apply.Applied;
import com.caskr.sync.mapping.apply.ApplySalesforceChange;
import com.caskr.sync.mapping.metrics.SyncMetrics;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes the three salesforce.*.changed.v1 topics: one record, one database transaction; the
 * offset is committed by the container after the transaction. Failures go to the error handler
 * (retries with backoff, then {@code <topic>.dlq}).
 */
final class SalesforceChangeListener {

  private final ApplySalesforceChange changes;
  private final SyncMetrics metrics;

  SalesforceChangeListener(ApplySalesforceChange changes, SyncMetrics metrics) {
    this.changes = changes;
    this.metrics = metrics;
  }

  @KafkaListener(
      id = "salesforce-changes",
      topics = {
        "salesforce.account.changed.v1",
        "salesforce.contact.changed.v1",
        "salesforce.opportunity.changed.v1"
      })
  void onChange(ConsumerRecord<String, SyncEvent> record) {
    if (!(record.value() instanceof SalesforceRecordChanged event)) {
      throw new IllegalArgumentException(
          "Expected SalesforceRecordChanged on " + record.topic() + ", got " + record.value());
    }
    try {
      Applied applied = changes.apply(event, record.topic());
      metrics.applied(event, applied);
    } catch (RuntimeException e) {
      metrics.failed(event);
      throw e;
    }
  }
}
