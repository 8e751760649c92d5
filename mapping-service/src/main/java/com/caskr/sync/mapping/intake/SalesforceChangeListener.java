package com.caskr.sync.mapping.intake;

import com.caskr.sync.mapping.apply.Applied;
import com.caskr.sync.mapping.apply.ApplySalesforceChange;
import com.caskr.sync.mapping.apply.Incoming;
import com.caskr.sync.mapping.metrics.SyncMetrics;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Consumes the three salesforce.*.changed.v1 topics a poll at a time (ADR 0021): the poll's records
 * are applied in ONE database transaction, in order; the container commits the offsets after the
 * listener returns, so after the transaction.
 *
 * <p>When the batch fails (a poison record, a record that cannot be read, a wrong tenant, a lost
 * race), its transaction rolls back and the records are applied one by one, each in its own
 * transaction, exactly as a record listener would. The first record that fails there is handed to
 * the error handler as a {@link BatchListenerFailedException}: the offsets of the records before it
 * are committed, it is retried with backoff and then sent to {@code <topic>.dlq}, and the records
 * after it are delivered again (duplicates of applied ones change nothing).
 */
final class SalesforceChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceChangeListener.class);

  private final ApplySalesforceChange changes;
  private final SyncMetrics metrics;

  SalesforceChangeListener(ApplySalesforceChange changes, SyncMetrics metrics) {
    this.changes = changes;
    this.metrics = metrics;
  }

  @KafkaListener(
      id = "salesforce-changes",
      groupId = "${spring.kafka.consumer.group-id}.salesforce-changes",
      containerFactory = IntakeConfiguration.BATCH_FACTORY,
      topics = {
        "salesforce.account.changed.v1",
        "salesforce.contact.changed.v1",
        "salesforce.opportunity.changed.v1"
      })
  void onChanges(List<ConsumerRecord<String, SyncEvent>> records) {
    if (records.isEmpty()) {
      return;
    }
    List<Incoming> batch = readable(records);
    if (batch.size() == records.size()) {
      try {
        List<Applied> results = changes.applyAll(batch);
        metrics.batch(batch.size(), false);
        for (int i = 0; i < batch.size(); i++) {
          metrics.applied(batch.get(i).event(), results.get(i));
        }
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "A batch of {} changes was rolled back ({}); applying them one by one",
            batch.size(),
            e.toString());
      }
    }
    metrics.batch(records.size(), true);
    for (ConsumerRecord<String, SyncEvent> record : records) {
      try {
        applyOne(record);
      } catch (RuntimeException e) {
        throw new BatchListenerFailedException(
            "Change at " + record.topic() + "-" + record.partition() + "@" + record.offset(),
            e,
            record);
      }
    }
  }

  private static List<Incoming> readable(List<ConsumerRecord<String, SyncEvent>> records) {
    List<Incoming> batch = new ArrayList<>(records.size());
    for (ConsumerRecord<String, SyncEvent> record : records) {
      if (record.value() instanceof SalesforceRecordChanged event) {
        batch.add(new Incoming(event, record.topic()));
      }
    }
    return batch;
  }

  private void applyOne(ConsumerRecord<String, SyncEvent> record) {
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
