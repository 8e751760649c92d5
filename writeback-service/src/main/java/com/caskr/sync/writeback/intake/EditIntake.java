package com.caskr.sync.writeback.intake;

import com.caskr.sync.schema.events.CaskrOperation;
import com.caskr.sync.schema.events.CaskrRowChanged;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.writeback.plan.Edit;
import com.caskr.sync.writeback.plan.Priority;
import com.caskr.sync.writeback.plan.PushQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

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
      topics = {
        "caskr.customer.changed.v1",
        "caskr.order.changed.v1",
        "caskr.portal-user.changed.v1"
      },
      batch = "true")
  void caskrChanged(List<ConsumerRecord<String, SyncEvent>> records) {
    int unreadable = 0;
    while (unreadable < records.size() && records.get(unreadable).value() != null) {
      unreadable++;
    }
    queue(records.subList(0, unreadable));
    if (unreadable < records.size()) {
      // The ErrorHandlingDeserializer left no value: the records before it are queued, this one
      // goes to the error handler (retries, then its recoverer), the rest come again.
      throw new BatchListenerFailedException(
          "Unreadable record on " + records.get(unreadable).topic(), unreadable);
    }
  }

  private void queue(List<ConsumerRecord<String, SyncEvent>> records) {
    Map<String, Integer> perTransaction = new HashMap<>();
    List<CaskrRowChanged> changes = new ArrayList<>(records.size());
    for (ConsumerRecord<String, SyncEvent> record : records) {
      if (record.value() instanceof CaskrRowChanged changed
          && changed.operation() != CaskrOperation.DELETE) {
        changes.add(changed);
        if (changed.transactionId() != null) {
          perTransaction.merge(transactionKey(changed), 1, Integer::sum);
        }
      }
    }
    List<Edit> edits = new ArrayList<>(changes.size());
    for (CaskrRowChanged changed : changes) {
      boolean bulk =
          changed.transactionId() != null
              && perTransaction.get(transactionKey(changed)) >= backfillTransactionSize;
      edits.add(
          Edit.of(
              changed.tenant().companyId(),
              changed.entity(),
              changed.caskrId(),
              changed.operation() == CaskrOperation.INSERT
                  ? Set.of()
                  : Set.copyOf(changed.changedFields()),
              bulk ? Priority.BACKFILL : Priority.INTERACTIVE));
    }
    if (!edits.isEmpty()) {
      queue.add(edits);
    }
  }

  @KafkaListener(id = "writeback-conflict-resolutions", topics = "sync.conflict.resolved.v1")
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
