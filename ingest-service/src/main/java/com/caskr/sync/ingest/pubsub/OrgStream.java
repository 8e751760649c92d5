package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.ingest.salesforce.OrgClient;
import com.caskr.sync.salesforce.pubsub.PubSubEvent;
import com.caskr.sync.salesforce.pubsub.PubSubException;
import com.caskr.sync.salesforce.pubsub.PubSubSubscriber;
import com.caskr.sync.salesforce.pubsub.ReplayId;
import com.caskr.sync.salesforce.pubsub.ReplayIdExpired;
import com.caskr.sync.salesforce.pubsub.ReplayRecovery;
import com.caskr.sync.salesforce.pubsub.ReplayStart;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SyncCommand;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic of one led org: a {@link PubSubSubscriber} whose handler publishes the batch's
 * envelopes and commands and waits for Kafka's acknowledgement, so the replay id checkpointed after
 * it covers only events safely in Kafka (ARCHITECTURE.md §5.1). A failed publish or REST read
 * throws: the subscriber delivers the batch again after a backoff. Pipelined: up to {@code
 * ingest.pubsub.batches-in-flight} batches wait for Kafka at once; the subscriber moves the replay
 * id in order as they are acknowledged, and a failed batch is delivered again with every later one.
 * The replay id is written at most once per {@code ingest.pubsub.checkpoint-interval} and on close.
 */
final class OrgStream implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrgStream.class);

  /** What every topic subscription of the service shares. */
  record Shared(
      StreamChanges changes,
      ChangePublisher publisher,
      StreamCommands commands,
      ReplayIds replayIds,
      StreamMetrics metrics,
      OwnerEmails owners,
      Clock clock,
      PubSubProperties properties) {}

  private final Tenant tenant;
  private final StreamTopic topic;
  private final Shared shared;
  private final Records records;
  private final BooleanSupplier leading;
  private final PubSubSubscriber subscriber;
  private volatile Instant newestHandled;

  /**
   * @param leading whether this instance still leads the org; a checkpoint is refused otherwise
   * @param failed called once if the subscription stops for good
   */
  OrgStream(
      OrgClient client,
      StreamTopic topic,
      Shared shared,
      BooleanSupplier leading,
      BiConsumer<StreamTopic, PubSubException> failed) {
    this.tenant = client.tenant();
    this.topic = topic;
    this.shared = shared;
    this.records = new RestRecords(tenant, client.rest(), shared.owners());
    this.leading = leading;
    ReplayStart start =
        shared
            .replayIds()
            .load(tenant, topic.topicName())
            .map(ReplayStart::after)
            .orElse(ReplayStart.earliest());
    PubSubProperties properties = shared.properties();
    this.subscriber =
        PubSubSubscriber.builder()
            .endpoint(client.pubSubEndpoint())
            .credentials(client.pubSubCredentials())
            .topic(topic.topicName())
            .startFrom(start)
            .batchSize(properties.batchSize())
            .pipelined(this::handle, properties.batchesInFlight())
            .checkpoint(this::checkpoint)
            .checkpointInterval(properties.checkpointInterval())
            .onReplayIdRejected(ReplayRecovery.FALLBACK_TO_EARLIEST, this::replayIdRejected)
            .onFailure(failure -> failed.accept(topic, failure))
            .backoff(properties.reconnectInitial(), properties.reconnectMax())
            .closeTimeout(properties.publishTimeout().plusSeconds(5))
            .build();
  }

  OrgStream start() {
    subscriber.start();
    return this;
  }

  /**
   * Builds the batch's envelopes and commands (REST reads included) and sends them; the stage
   * completes when Kafka acknowledged all of them, or fails after the publish timeout.
   */
  private CompletableFuture<Void> handle(List<PubSubEvent> events) {
    StreamChanges.Work work = shared.changes().translate(tenant, topic, events, records);
    return CompletableFuture.allOf(
            shared.publisher().publish(work.changes()),
            shared.commands().issue(tenant, work.commands()))
        .orTimeout(shared.properties().publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenRun(() -> acknowledged(work.newestEvent()));
  }

  private synchronized void acknowledged(Instant newestEvent) {
    if (newestEvent != null && (newestHandled == null || newestEvent.isAfter(newestHandled))) {
      newestHandled = newestEvent;
      shared
          .metrics()
          .lag(tenant, topic, Duration.between(newestHandled, shared.clock().instant()));
    }
  }

  private void checkpoint(ReplayId position) {
    if (!leading.getAsBoolean()) {
      throw new IllegalStateException(
          "no longer leading org " + tenant.orgId() + "; not moving the replay id of " + topic);
    }
    shared.replayIds().save(tenant, topic.topicName(), position, newestHandled);
  }

  private void replayIdRejected(ReplayIdExpired expired) {
    shared.metrics().replayReset(topic);
    var entity = topic.publishes();
    log.error(
        "Stored replay id of {} for org {} (company {}) was refused ({}): resubscribing from"
            + " EARLIEST and requesting a reconciliation of {}",
        topic.topicName(),
        tenant.orgId(),
        tenant.companyId(),
        expired.errorCode(),
        entity == null ? "every entity" : entity.apiName());
    String name =
        "pubsub-reset/"
            + tenant.orgId().value()
            + "/"
            + topic.topicName()
            + "/"
            + expired.rejected();
    var command =
        new StreamChanges.IssuedCommand(
            UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
            new SyncCommand.Reconcile(entity, ReconcileReason.REPLAY_ID_INVALID));
    try {
      shared
          .commands()
          .issue(tenant, List.of(command))
          .get(shared.properties().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.error(
          "Could not request the reconciliation of {} for org {}; run it by hand",
          topic.topicName(),
          tenant.orgId(),
          e);
    }
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
