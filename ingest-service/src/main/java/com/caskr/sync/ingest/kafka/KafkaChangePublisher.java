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
    @SuppressWarnings("rawtypes")
    CompletableFuture[] sends = new CompletableFuture[changes.size()];
    for (int i = 0; i < changes.size(); i++) {
      sends[i] = send(changes.get(i));
    }
    return CompletableFuture.allOf(sends);
  }

  private CompletableFuture<?> send(SalesforceRecordChanged change) {
    CompletableFuture<?> sent;
    try {
      sent = kafka.send(TopicCatalogue.topicFor(change).name(), change.kafkaKey(), change);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.whenComplete(
        (result, failure) ->
            events.record(
                change.source(),
                change.entity(),
                failure == null ? Outcome.PUBLISHED : Outcome.FAILED,
                1));
  }
}
