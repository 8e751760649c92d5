package com.caskr.sync.ingest.kafka;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@link ChangePublisher} over the service's idempotent {@code acks=all} producer. The producer's
 * {@code delivery.timeout.ms} bounds how long a change may wait for its acknowledgement and {@code
 * max.block.ms} how long {@code send} may block for metadata, so a dead broker fails the future
 * instead of hanging the caller (both set in application.yml).
 */
final class KafkaChangePublisher implements ChangePublisher {

  private final KafkaTemplate<String, SyncEvent> kafka;
  private final IngestEvents events;

  KafkaChangePublisher(KafkaTemplate<String, SyncEvent> kafka, IngestEvents events) {
    this.kafka = kafka;
    this.events = events;
  }

  @Override
  public CompletableFuture<Void> publish(List<SalesforceRecordChanged> changes) {
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<?>[] sends = new CompletableFuture<?>[changes.size()];
    for (int i = 0; i < changes.size(); i++) {
      sends[i] = send(changes.get(i));
    }
    // Counted once per call, not from each record's callback on the producer's network thread:
    // a Pub/Sub batch is 100 changes of one source and entity, so one counter update instead of
    // 100 lookups on the thread that completes every acknowledgement.
    return CompletableFuture.allOf(sends).whenComplete((result, failure) -> count(changes, sends));
  }

  private CompletableFuture<?> send(SalesforceRecordChanged change) {
    try {
      return kafka.send(TopicCatalogue.topicFor(change).name(), change.kafkaKey(), change);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Records each change's outcome, one counter update per run of equal source and entity. */
  private void count(List<SalesforceRecordChanged> changes, CompletableFuture<?>[] sends) {
    int published = 0;
    int failed = 0;
    for (int i = 0; i < changes.size(); i++) {
      if (sends[i].isCompletedExceptionally()) {
        failed++;
      } else {
        published++;
      }
      SalesforceRecordChanged change = changes.get(i);
      boolean last =
          i + 1 == changes.size()
              || changes.get(i + 1).source() != change.source()
              || changes.get(i + 1).entity() != change.entity();
      if (last) {
        events.record(change.source(), change.entity(), Outcome.PUBLISHED, published);
        events.record(change.source(), change.entity(), Outcome.FAILED, failed);
        published = 0;
        failed = 0;
      }
    }
  }
}
