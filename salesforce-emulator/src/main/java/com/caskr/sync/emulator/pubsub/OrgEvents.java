package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.org.ChangeListener;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.ChangeType;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One org's Pub/Sub side: its topics and schemas, its event log, and the CDC faults injected into
 * that log. As the org's {@link ChangeListener} it appends each committed change to the log, to be
 * encoded as Avro when first read: the writer holding the org's lock pays for an append only.
 */
final class OrgEvents implements ChangeListener {

  /** The entities selected for Change Data Capture in every emulated org. */
  static final List<String> CDC_ENTITIES =
      List.of("Account", "Contact", "Opportunity", "OpportunityLineItem");

  /** What the fault endpoints report. */
  record FaultState(
      int dropNext,
      int duplicateNext,
      int reorderNext,
      int held,
      long dropped,
      long duplicated,
      long reordered,
      int retainedEvents) {}

  private final Org org;
  private final EventLog log;
  private final Map<String, Topic> topics = new ConcurrentHashMap<>();
  private final Map<String, ChangeEventSchema> changeSchemas = new ConcurrentHashMap<>();
  private final Map<String, EventSchema> schemasById = new ConcurrentHashMap<>();

  // Guarded by this: the CDC faults waiting for the next events.
  private int dropNext;
  private int duplicateNext;
  private int reorderNext;
  private final List<Held> held = new ArrayList<>();
  private long dropped;
  private long duplicated;
  private long reordered;

  private record Held(String topic, Supplier<ProducerEvent> event) {}

  OrgEvents(Org org, Duration retention) {
    this.org = org;
    this.log = new EventLog(org.clock(), retention);
    for (String entity : CDC_ENTITIES) {
      org.schema()
          .type(entity)
          .ifPresent(
              type -> {
                ChangeEventSchema schema = ChangeEventSchema.of(type);
                changeSchemas.put(type.name(), schema);
                add(new Topic(Topic.changeTopic(type.name()), schema.schema(), type.name(), false));
              });
    }
    topics.put(Topic.FIREHOSE, new Topic(Topic.FIREHOSE, null, null, false));
    register(PlatformEventType.CASKR_SYNC);
  }

  Org org() {
    return org;
  }

  EventLog log() {
    return log;
  }

  /** Defines a platform event in this org; its topic is {@code /event/<name>}. */
  void register(PlatformEventType type) {
    add(new Topic(type.topic(), type.schema(), null, true));
  }

  Optional<Topic> topic(String name) {
    return Optional.ofNullable(topics.get(name));
  }

  Optional<EventSchema> schema(String schemaId) {
    return Optional.ofNullable(schemasById.get(schemaId));
  }

  @Override
  public void committed(List<ChangeRecord> changes) {
    for (ChangeRecord change : changes) {
      ChangeEventSchema schema = changeSchemas.get(change.entityName());
      if (schema != null) {
        appendChange(
            Topic.changeTopic(change.entityName()),
            once(() -> ChangeEvents.encode(schema, change)));
      }
    }
  }

  /** A platform event that decoded with its topic's schema. */
  ByteString publish(Topic topic, ProducerEvent event) {
    return log.append(topic.name(), event);
  }

  /** Header-only gap events (GAP_CREATE…GAP_UNDELETE, GAP_OVERFLOW) for the records given. */
  void gap(String entity, ChangeType type, List<String> recordIds) {
    ChangeEventSchema schema = changeSchemas.get(entity);
    if (schema == null) {
      throw new IllegalArgumentException("No change events for entity " + entity);
    }
    var now = org.clock().instant();
    var change =
        new ChangeRecord(
            entity,
            recordIds,
            type,
            List.of(),
            List.of(),
            Map.of(),
            now,
            java.util.UUID.randomUUID().toString(),
            1,
            0,
            "",
            org.adminUserId());
    appendChange(Topic.changeTopic(entity), once(() -> ChangeEvents.encode(schema, change)));
  }

  synchronized void dropNext(int count) {
    dropNext += count;
  }

  synchronized void duplicateNext(int count) {
    duplicateNext += count;
  }

  /** Holds the next {@code count} change events back and logs them in reverse order. */
  synchronized void reorderNext(int count) {
    reorderNext += count;
  }

  /** Purges every logged event: all replay ids issued so far are expired. */
  int expireReplayIds() {
    return log.purgeAll();
  }

  /** Cancels pending faults; events held for reordering are logged in their original order. */
  synchronized void clearFaults() {
    dropNext = 0;
    duplicateNext = 0;
    reorderNext = 0;
    held.forEach(h -> log.append(h.topic(), h.event()));
    held.clear();
  }

  synchronized FaultState faults() {
    return new FaultState(
        dropNext,
        duplicateNext,
        reorderNext,
        held.size(),
        dropped,
        duplicated,
        reordered,
        log.retained());
  }

  private synchronized void appendChange(String topic, Supplier<ProducerEvent> event) {
    if (dropNext > 0) {
      dropNext--;
      dropped++;
      return;
    }
    if (reorderNext > 0) {
      held.add(new Held(topic, event));
      if (held.size() == reorderNext) {
        for (Held h : held.reversed()) {
          log.append(h.topic(), h.event());
        }
        reordered += held.size();
        held.clear();
        reorderNext = 0;
      }
      return;
    }
    log.append(topic, event);
    if (duplicateNext > 0) {
      duplicateNext--;
      duplicated++;
      log.append(topic, event);
    }
  }

  /** Encodes when first read, once: a duplicated event is the same event twice. */
  private static Supplier<ProducerEvent> once(Supplier<ProducerEvent> encode) {
    return new Supplier<>() {
      private ProducerEvent event;

      @Override
      public synchronized ProducerEvent get() {
        if (event == null) {
          event = encode.get();
        }
        return event;
      }
    };
  }

  private void add(Topic topic) {
    topics.put(topic.name(), topic);
    schemasById.put(topic.schema().id(), topic.schema());
  }
}
