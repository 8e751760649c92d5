package com.caskr.sync.mapping.intake;

import com.caskr.sync.mapping.apply.Applied;
import com.caskr.sync.mapping.apply.ApplySalesforceChange;
import com.caskr.sync.mapping.apply.Incoming;
import com.caskr.sync.mapping.apply.TenantNotConnected;
import com.caskr.sync.mapping.apply.TenantRefusal;
import com.caskr.sync.mapping.metrics.SyncMetrics;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Consumes the three salesforce.*.changed.v1 topics a poll at a time (ADR 0021): the poll's records
 * are applied in ONE database transaction, in order; the container commits the offsets after the
 * listener returns, so after the transaction.
 *
 * <p>Tenants are decided for the whole batch up front: changes of a refused tenant do not hold up
 * their neighbours (a mismatch is dead-lettered at once, an unconnected company goes through the
 * error handler's retries), see {@link #settleRefusals}.
 *
 * <p>When the batch fails (a poison record, a record that cannot be read, a lost race), its
 * transaction rolls back and the records are applied one by one, each in its own transaction,
 * exactly as a record listener would. The first record that fails there is handed to the error
 * handler as a {@link BatchListenerFailedException}: the offsets of the records before it are
 * committed, it is retried with backoff and then sent to {@code <topic>.dlq}, and the records after
 * it are delivered again (duplicates of applied ones change nothing).
 */
final class SalesforceChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceChangeListener.class);

  private final ApplySalesforceChange changes;
  private final SyncMetrics metrics;
  private final ConsumerRecordRecoverer deadLetters;

  /**
   * @param deadLetters publishes a refused record to its {@code <topic>.dlq} with the refusal
   */
  SalesforceChangeListener(
      ApplySalesforceChange changes, SyncMetrics metrics, ConsumerRecordRecoverer deadLetters) {
    this.changes = changes;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
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
      List<Applied> results;
      try {
        results = changes.applyAll(batch);
      } catch (RuntimeException e) {
        results = null;
        LOG.warn(
            "A batch of {} changes was rolled back ({}); applying them one by one",
            batch.size(),
            e.toString());
      }
      if (results != null) {
        metrics.batch(batch.size(), false);
        settleRefusals(records, results);
        return;
      }
    }
    metrics.batch(records.size(), true);
    for (ConsumerRecord<String, SyncEvent> record : records) {
      try {
        applyOne(record);
      } catch (RuntimeException e) {
        throw failed(record, e);
      }
    }
  }

  /**
   * After the batch committed: counts its outcomes and sends its refused changes down the refusal
   * path. A mismatch is logged and dead-lettered at once. A company not connected (yet) is retried
   * by the error handler ({@link BatchListenerFailedException} for the first such record: the
   * offsets before it are committed, it is retried with backoff and then dead-lettered, the records
   * after it come again and are duplicates, already applied), so only refusals before it are
   * settled here; the ones after it are settled when they come again.
   */
  private void settleRefusals(
      List<ConsumerRecord<String, SyncEvent>> records, List<Applied> results) {
    List<Map.Entry<SalesforceRecordChanged, TenantRefusal>> mismatches = new ArrayList<>();
    List<ConsumerRecord<String, SyncEvent>> mismatched = new ArrayList<>();
    ConsumerRecord<String, SyncEvent> unconnected = null;
    TenantRefusal notConnected = null;
    for (int i = 0; i < records.size(); i++) {
      SalesforceRecordChanged event = (SalesforceRecordChanged) records.get(i).value();
      Applied result = results.get(i);
      if (result.refusal() == null) {
        metrics.applied(event, result);
      } else if (unconnected == null) {
        metrics.failed(event);
        if (result.refusal() instanceof TenantNotConnected) {
          unconnected = records.get(i);
          notConnected = result.refusal();
        } else {
          mismatches.add(Map.entry(event, result.refusal()));
          mismatched.add(records.get(i));
        }
      }
    }
    try {
      changes.recordRefusals(mismatches);
    } catch (RuntimeException e) {
      throw failed(mismatched.getFirst(), e);
    }
    for (int i = 0; i < mismatched.size(); i++) {
      try {
        deadLetters.accept(mismatched.get(i), mismatches.get(i).getValue());
      } catch (RuntimeException e) {
        // The error handler commits the offsets before it and dead-letters it at once.
        LOG.warn(
            "Dead-lettering a refused change failed ({}); the error handler tries again",
            e.toString());
        throw failed(mismatched.get(i), mismatches.get(i).getValue());
      }
    }
    if (unconnected != null) {
      throw failed(unconnected, notConnected);
    }
  }

  private static BatchListenerFailedException failed(
      ConsumerRecord<String, SyncEvent> record, RuntimeException cause) {
    return new BatchListenerFailedException(
        "Change at " + record.topic() + "-" + record.partition() + "@" + record.offset(),
        cause,
        record);
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
