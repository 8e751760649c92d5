package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.SalesforceEntities;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.salesforce.pubsub.ChangeEvent;
import com.caskr.sync.salesforce.pubsub.PlatformEvent;
import com.caskr.sync.salesforce.pubsub.PubSubEvent;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one batch of Pub/Sub events into change envelopes and sync commands (§4.3, gotchas 13–14):
 *
 * <ul>
 *   <li>CDC CREATE/UPDATE/DELETE/UNDELETE: one envelope per record id, changedFields from the
 *       bitmaps, fields = the changed values, sourceVersion = commitTimestamp. Opportunities carry
 *       the full record and every current line item, read over REST.
 *   <li>A line-item change becomes an UPSERT of its parent opportunity with the current lines.
 *   <li>GAP_* events: the records are read by id and published (DELETE when gone).
 *   <li>GAP_OVERFLOW: an incremental SYNC_NOW command for the entity over the window of the
 *       overflowing transaction ({@code since} = its commit minus the overflow lookback).
 *   <li>{@code Caskr_Sync__e}: the named record is read and published (source PLATFORM_EVENT).
 *   <li>Every envelope carrying an OwnerId gets the owner's email ({@code "Owner": {"Id",
 *       "Email"}}), read once per batch for the users not cached.
 * </ul>
 *
 * Event ids are derived from org, topic, the event's own identity and the record id, so a
 * redelivered or duplicated event produces envelopes with the same identity and consumers drop the
 * copies.
 */
final class StreamChanges {

  private static final Logger log = LoggerFactory.getLogger(StreamChanges.class);

  private final ChangeEnvelopes envelopes;
  private final Duration overflowLookback;

  /**
   * @param overflowLookback a GAP_OVERFLOW's incremental poll starts this long before the event's
   *     commit
   */
  StreamChanges(ChangeEnvelopes envelopes, Duration overflowLookback) {
    this.envelopes = envelopes;
    this.overflowLookback = overflowLookback;
  }

  /** What one batch asks for. */
  record Work(
      List<SalesforceRecordChanged> changes, List<IssuedCommand> commands, Instant newestEvent) {}

  /** A command and its deterministic id. */
  record IssuedCommand(UUID eventId, SyncCommand command) {}

  Work translate(Tenant tenant, StreamTopic topic, List<PubSubEvent> events, Records records) {
    var changes = new ArrayList<SalesforceRecordChanged>();
    var commands = new ArrayList<IssuedCommand>();
    Instant newest = null;
    Map<SalesforceId, String> ownerEmails = ownerEmails(events, records);
    for (PubSubEvent event : events) {
      var batch = new Batch(tenant, topic, event, records, ownerEmails, changes, commands);
      switch (event) {
        case ChangeEvent change -> {
          batch.change(change);
          newest = later(newest, change.commitTimestamp());
        }
        case PlatformEvent platform -> {
          batch.platform(platform);
          newest = later(newest, instant(platform.values().get("CreatedDate")));
        }
      }
    }
    // Envelopes of records read back (opportunities, gaps, platform events) get their owner here.
    return new Work(List.copyOf(records.withOwnerEmails(changes)), List.copyOf(commands), newest);
  }

  /**
   * The emails of the owners the batch's CDC values name, read once for the batch (cached ones
   * without a query), so envelopes are built with their Owner instead of rebuilt with it.
   */
  private static Map<SalesforceId, String> ownerEmails(List<PubSubEvent> events, Records records) {
    Set<SalesforceId> owners = new LinkedHashSet<>();
    for (PubSubEvent event : events) {
      if (event instanceof ChangeEvent change) {
        OwnerEmails.ownerNeedingEmail(change.values()).ifPresent(owners::add);
      }
    }
    return owners.isEmpty() ? Map.of() : records.ownerEmails(owners);
  }

  /** CDC values as envelope fields, with the Owner relationship when its email is known. */
  private static Map<String, Object> fields(
      Map<String, ?> values, Map<SalesforceId, String> ownerEmails) {
    Map<String, Object> fields = json(values);
    OwnerEmails.ownerNeedingEmail(fields)
        .ifPresent(
            owner -> {
              String email = ownerEmails.get(owner);
              if (email != null) {
                fields.put(OwnerEmails.OWNER, OwnerEmails.relationship(owner, email));
              }
            });
    return fields;
  }

  /** The envelopes and commands of one event. */
  private final class Batch {

    private final Tenant tenant;
    private final StreamTopic topic;
    private final PubSubEvent event;
    private final Records records;
    private final Map<SalesforceId, String> ownerEmails;
    private final List<SalesforceRecordChanged> changes;
    private final List<IssuedCommand> commands;

    Batch(
        Tenant tenant,
        StreamTopic topic,
        PubSubEvent event,
        Records records,
        Map<SalesforceId, String> ownerEmails,
        List<SalesforceRecordChanged> changes,
        List<IssuedCommand> commands) {
      this.tenant = tenant;
      this.topic = topic;
      this.event = event;
      this.records = records;
      this.ownerEmails = ownerEmails;
      this.changes = changes;
      this.commands = commands;
    }

    void change(ChangeEvent change) {
      SalesforceEntity entity = topic.publishes();
      Instant version = change.commitTimestamp() == null ? Instant.now() : change.commitTimestamp();
      if (change.changeType() == com.caskr.sync.salesforce.pubsub.ChangeType.GAP_OVERFLOW) {
        commands.add(
            new IssuedCommand(
                id("overflow"),
                new SyncCommand.SyncNow(
                    entity, SyncMode.INCREMENTAL, version.minus(overflowLookback))));
        return;
      }
      if (topic == StreamTopic.OPPORTUNITY_LINE_ITEM) {
        Set<SalesforceId> parents = new LinkedHashSet<>();
        for (String lineItemId : change.recordIds()) {
          Object parent = change.values().get("OpportunityId");
          if (parent instanceof String id && change.recordIds().size() == 1) {
            parents.add(SalesforceId.of(id));
          } else {
            records.opportunityOfLineItem(SalesforceId.of(lineItemId)).ifPresent(parents::add);
          }
        }
        for (SalesforceId parent : parents) {
          opportunity(parent, ChangeType.UPSERT, List.of(), version, origin(change));
        }
        return;
      }
      for (String recordId : change.recordIds()) {
        SalesforceId id = SalesforceId.of(recordId);
        switch (change.changeType()) {
          case CREATE, UPDATE, UNDELETE -> {
            ChangeType type =
                change.changeType() == com.caskr.sync.salesforce.pubsub.ChangeType.UNDELETE
                    ? ChangeType.UNDELETE
                    : ChangeType.UPSERT;
            if (entity == SalesforceEntity.OPPORTUNITY) {
              opportunity(id, type, change.changedFields(), version, origin(change));
            } else {
              add(
                  id,
                  envelopes
                      .change(tenant, entity, id, ChangeSource.PUBSUB_CDC, version)
                      .changeType(type)
                      .changedFields(change.changedFields())
                      .fields(fields(change.values(), ownerEmails))
                      .changeOrigin(origin(change)));
            }
          }
          case DELETE, GAP_DELETE -> deleted(entity, id, version, origin(change));
          case GAP_CREATE, GAP_UPDATE, GAP_UNDELETE -> {
            ChangeType type =
                change.changeType() == com.caskr.sync.salesforce.pubsub.ChangeType.GAP_UNDELETE
                    ? ChangeType.UNDELETE
                    : ChangeType.UPSERT;
            if (entity == SalesforceEntity.OPPORTUNITY) {
              opportunity(id, type, List.of(), version, origin(change));
            } else {
              fetched(entity, id, type, ChangeSource.PUBSUB_CDC, version, origin(change));
            }
          }
          case GAP_OVERFLOW -> throw new IllegalStateException("handled above");
        }
      }
    }

    void platform(PlatformEvent platform) {
      Object entityName = platform.values().get("Entity__c");
      Object recordId = platform.values().get("Record_Id__c");
      Optional<SalesforceEntity> entity =
          entityName instanceof CharSequence name
              ? SalesforceEntities.fromApiName(name.toString())
              : Optional.empty();
      if (entity.isEmpty()
          || !(recordId instanceof CharSequence text)
          || !SalesforceId.isValid(text.toString())
          || !SalesforceId.of(text.toString()).hasKeyPrefix(entity.get().keyPrefix())) {
        log.warn(
            "Ignoring {} event {} of org {}: Entity__c/Record_Id__c do not name a synced record",
            platform.topic(),
            platform.eventId(),
            tenant.orgId());
        return;
      }
      SalesforceId id = SalesforceId.of(recordId.toString());
      Instant created = instant(platform.values().get("CreatedDate"));
      Instant version = created == null ? Instant.now() : created;
      boolean delete =
          platform.values().get("Action__c") instanceof CharSequence action
              && action.toString().toUpperCase(Locale.ROOT).equals("DELETE");
      if (delete) {
        deletedBy(entity.get(), id, version, ChangeSource.PLATFORM_EVENT, null);
      } else if (entity.get() == SalesforceEntity.OPPORTUNITY) {
        opportunityFrom(
            id, ChangeType.UPSERT, List.of(), version, null, ChangeSource.PLATFORM_EVENT);
      } else {
        fetched(entity.get(), id, ChangeType.UPSERT, ChangeSource.PLATFORM_EVENT, version, null);
      }
    }

    private void opportunity(
        SalesforceId id,
        ChangeType type,
        List<String> changedFields,
        Instant version,
        String origin) {
      opportunityFrom(id, type, changedFields, version, origin, ChangeSource.PUBSUB_CDC);
    }

    private void opportunityFrom(
        SalesforceId id,
        ChangeType type,
        List<String> changedFields,
        Instant version,
        String origin,
        ChangeSource source) {
      Optional<Map<String, Object>> record = records.get(SalesforceEntity.OPPORTUNITY, id);
      if (record.isEmpty()) {
        deletedBy(SalesforceEntity.OPPORTUNITY, id, version, source, origin);
        return;
      }
      add(
          id,
          envelopes
              .change(
                  tenant, SalesforceEntity.OPPORTUNITY, id, source, version(record.get(), version))
              .changeType(type)
              .changedFields(changedFields)
              .fields(json(record.get()))
              .lineItems(records.lineItems(id).stream().map(StreamChanges::json).toList())
              .changeOrigin(origin));
    }

    private void fetched(
        SalesforceEntity entity,
        SalesforceId id,
        ChangeType type,
        ChangeSource source,
        Instant version,
        String origin) {
      Optional<Map<String, Object>> record = records.get(entity, id);
      if (record.isEmpty()) {
        deletedBy(entity, id, version, source, origin);
        return;
      }
      add(
          id,
          envelopes
              .change(tenant, entity, id, source, version(record.get(), version))
              .changeType(type)
              .fields(json(record.get()))
              .changeOrigin(origin));
    }

    private void deleted(SalesforceEntity entity, SalesforceId id, Instant version, String origin) {
      deletedBy(entity, id, version, ChangeSource.PUBSUB_CDC, origin);
    }

    private void deletedBy(
        SalesforceEntity entity,
        SalesforceId id,
        Instant version,
        ChangeSource source,
        String origin) {
      var builder =
          envelopes
              .change(tenant, entity, id, source, version)
              .changeType(ChangeType.DELETE)
              .changeOrigin(origin);
      if (entity == SalesforceEntity.OPPORTUNITY) {
        builder.lineItems(List.of());
      }
      add(id, builder);
    }

    private void add(SalesforceId recordId, ChangeEnvelopes.Builder builder) {
      changes.add(builder.eventId(id(recordId.value())).build());
    }

    /**
     * Same org, topic, event and part → same id, whichever instance or attempt made it. A CDC event
     * is identified by its transaction key and sequence number and a platform event by its event
     * id, which stay the same when Salesforce delivers the event twice under two replay ids.
     */
    private UUID id(String part) {
      String identity =
          switch (event) {
            case ChangeEvent change when change.transactionKey() != null ->
                "cdc/" + change.transactionKey() + "/" + change.sequenceNumber();
            case PlatformEvent platform when platform.eventId() != null ->
                "event/" + platform.eventId();
            default -> "replay/" + event.replayId();
          };
      String name =
          "pubsub/"
              + tenant.orgId().value()
              + "/"
              + topic.topicName()
              + "/"
              + identity
              + "/"
              + part;
      return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The CDC changeOrigin, or null when the change came from no API client (sent as ""). */
  private static String origin(ChangeEvent change) {
    String origin = change.changeOrigin();
    return origin == null || origin.isBlank() ? null : origin;
  }

  /** The record's SystemModstamp when it has one, else the event's time. */
  private static Instant version(Map<String, Object> record, Instant fallback) {
    return record.get("SystemModstamp") instanceof String stamp
        ? Soql.parseDateTime(stamp)
        : fallback;
  }

  /** CDC values as JSON values: datetimes and dates as ISO-8601 text. */
  static Map<String, Object> json(Map<String, ?> values) {
    var copy = new LinkedHashMap<String, Object>();
    values.forEach((name, value) -> copy.put(name, jsonValue(value)));
    return copy;
  }

  private static Object jsonValue(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Number n -> n;
      case Instant instant -> instant.toString();
      case LocalDate date -> date.toString();
      case CharSequence text -> text.toString();
      case Map<?, ?> map -> {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((key, inner) -> copy.put(String.valueOf(key), jsonValue(inner)));
        yield copy;
      }
      case List<?> list -> list.stream().map(StreamChanges::jsonValue).toList();
      default -> value.toString();
    };
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case Instant instant -> instant;
      case Long millis -> Instant.ofEpochMilli(millis);
      case null, default -> null;
    };
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
