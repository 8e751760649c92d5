package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Asks for repairs the stream cannot do itself, as {@code sync.command.v1} events (durable; the
 * instance that leads the org executes them): a reconciliation after an expired replay id, an
 * incremental poll after GAP_OVERFLOW.
 */
final class StreamCommands {

  static final String REQUESTED_BY = "ingest-service/pubsub";

  private final KafkaTemplate<String, SyncEvent> kafka;
  private final Clock clock;

  StreamCommands(KafkaTemplate<String, SyncEvent> kafka, Clock clock) {
    this.kafka = kafka;
    this.clock = clock;
  }

  /** Completes once Kafka acknowledged every command. */
  CompletableFuture<Void> issue(Tenant tenant, List<StreamChanges.IssuedCommand> commands) {
    if (commands.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    var sends = new CompletableFuture<?>[commands.size()];
    for (int i = 0; i < commands.size(); i++) {
      var command = commands.get(i);
      var issued =
          new SyncCommandIssued(
              command.eventId(),
              SyncCommandIssued.SCHEMA_VERSION,
              tenant,
              command.command(),
              REQUESTED_BY,
              clock.instant(),
              ChangeEnvelopes.newTraceId());
      sends[i] = kafka.send(TopicCatalogue.SYNC_COMMAND.name(), issued.kafkaKey(), issued);
    }
    return CompletableFuture.allOf(sends);
  }
}
