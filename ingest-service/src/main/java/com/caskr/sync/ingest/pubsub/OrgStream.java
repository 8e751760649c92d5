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
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic of one led org: a {@link PubSubSubscriber} whose handler publishes the batch's
 * envelopes and commands and waits for Kafka's acknowledgement, so the replay id checkpointed after
 * it covers only events safely in Kafka (ARCHITECTURE.md §5.1). A failed publish or REST read
 * throws: the subscriber delivers the batch again after a backoff. The subscriber prefetches: the
 * next batch travels while this one waits for Kafka, and a failed batch drops it unhandled.
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
            .prefetch()
            .handler(this::handle)
            .checkpoint(this::checkpoint)
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

  private void handle(List<PubSubEvent> events) throws Exception {
    StreamChanges.Work work = shared.changes().translate(tenant, topic, events, records);
    long timeout = shared.properties().publishTimeout().toMillis();
    shared.publisher().publish(work.changes()).get(timeout, TimeUnit.MILLISECONDS);
    shared.commands().issue(tenant, work.commands()).get(timeout, TimeUnit.MILLISECONDS);
    if (work.newestEvent() != null) {
      newestHandled = work.newestEvent();
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
