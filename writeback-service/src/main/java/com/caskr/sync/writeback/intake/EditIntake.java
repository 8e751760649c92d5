package com.caskr.sync.writeback.intake;

import com.caskr.sync.schema.events.CaskrOperation;
import com.caskr.sync.schema.events.CaskrRowChanged;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.writeback.plan.Edit;
import com.caskr.sync.writeback.plan.Position;
import com.caskr.sync.writeback.plan.Priority;
import com.caskr.sync.writeback.plan.PushQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Thin translators from Kafka into the push queue. Offsets are committed after the queue's rows are
 * (the listener container's default), so an edit is never acknowledged before it is stored.
 *
 * <p>An edit belonging to a transaction that changed at least {@code backfillTransactionSize} rows
 * of one poll is a backfill (an import, a mass update), the rest interactive.
 */
final class EditIntake {

  private final PushQueue queue;
  private final int backfillTransactionSize;

  EditIntake(PushQueue queue, int backfillTransactionSize) {
    this.queue = queue;
    this.backfillTransactionSize = backfillTransactionSize;
  }

  @KafkaListener(
      id = "writeback-caskr-changes",
      groupId = "${spring.kafka.consumer.group-id}.caskr-changes",
      topics = {
        "caskr.customer.changed.v1",
        "caskr.order.changed.v1",
        "caskr.portal-user.changed.v1"
      },
      batch = "true")
  void caskrChanged(List<ConsumerRecord<String, SyncEvent>> records) {
    int readable = 0;
    while (readable < records.size() && records.get(readable).value() != null) {
      readable++;
    }
    Map<String, Integer> perTransaction = new HashMap<>();
    for (ConsumerRecord<String, SyncEvent> record : records.subList(0, readable)) {
      if (record.value() instanceof CaskrRowChanged changed && changed.transactionId() != null) {
        perTransaction.merge(transactionKey(changed), 1, Integer::sum);
      }
    }
    List<Edit> edits = new ArrayList<>(readable);
    for (int i = 0; i < readable; i++) {
      try {
        edit(records.get(i).value(), perTransaction).ifPresent(edits::add);
      } catch (IllegalArgumentException | NullPointerException invalid) {
        // Not an edit anyone can push: the edits before it are stored, it goes to the error
        // handler (straight to its DLQ), the rest come again.
        queue(edits, records.subList(0, i));
        throw new BatchListenerFailedException(
            "Invalid edit on " + records.get(i).topic(), invalid, i);
      }
    }
    queue(edits, records.subList(0, readable));
    if (readable < records.size()) {
      // The ErrorHandlingDeserializer left no value: the records before it are queued, this one
      // goes to the error handler (straight to its DLQ, bytes as they came), the rest come again.
      // The recoverer finds the original bytes and the error in the record's headers.
      String topic = records.get(readable).topic();
      throw new BatchListenerFailedException(
          "Unreadable record on " + topic,
          new DeserializationException("No value: unreadable on " + topic, null, false, null),
          readable);
    }
  }

  private Optional<Edit> edit(SyncEvent event, Map<String, Integer> perTransaction) {
    if (!(event instanceof CaskrRowChanged changed)
        || changed.operation() == CaskrOperation.DELETE) {
      return Optional.empty();
    }
    boolean bulk =
        changed.transactionId() != null
            && perTransaction.get(transactionKey(changed)) >= backfillTransactionSize;
    return Optional.of(
        Edit.of(
            changed.tenant().companyId(),
            changed.entity(),
            changed.caskrId(),
            changed.operation() == CaskrOperation.INSERT
                ? Set.of()
                : Set.copyOf(changed.changedFields()),
            bulk ? Priority.BACKFILL : Priority.INTERACTIVE));
  }

  /** Stores the edits, then how far the intake got (the records handled, edits or not). */
  private void queue(List<Edit> edits, List<ConsumerRecord<String, SyncEvent>> handled) {
    if (!edits.isEmpty()) {
      queue.add(edits);
    }
    Map<String, Position> reached = new HashMap<>();
    for (ConsumerRecord<String, SyncEvent> record : handled) {
      reached.merge(
          record.topic() + "/" + record.partition(),
          new Position(record.topic(), record.partition(), record.offset()),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    if (!reached.isEmpty()) {
      queue.queued(List.copyOf(reached.values()));
    }
  }

  @KafkaListener(
      id = "writeback-conflict-resolutions",
      groupId = "${spring.kafka.consumer.group-id}.conflict-resolutions",
      topics = "sync.conflict.resolved.v1")
  void conflictResolved(ConflictResolved resolved) {
    if (resolved.resolution() == Resolution.KEEP_CASKR
        || resolved.resolution() == Resolution.MERGED) {
      queue.add(
          List.of(
              new Edit(
                  resolved.tenant().companyId(),
                  resolved.entity(),
                  resolved.caskrId(),
                  Set.of(resolved.field()),
                  Priority.INTERACTIVE,
                  true)));
    }
  }

  private static String transactionKey(CaskrRowChanged changed) {
    return changed.tenant().companyId() + "/" + changed.transactionId();
  }
}
