package com.caskr.sync.emulator.outbound;

import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.FieldType;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.schema.SalesforceId;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outbound messages of every org: definitions, what their conditions queue on each committed
 * change, and the senders that deliver, retry and drop. Thread-safe.
 */
public final class OutboundMessages implements AutoCloseable {

  /** A notification waiting for delivery (or being delivered). */
  public record QueuedNotification(
      String notificationId,
      String recordId,
      Instant createdDate,
      int attempts,
      Instant lastAttempt,
      Instant nextAttempt,
      String lastError) {}

  /** A definition with its delivery counts and queue. */
  public record Status(
      OutboundDefinition definition,
      long delivered,
      long dropped,
      long duplicated,
      List<QueuedNotification> queue) {}

  /** What the outbound messages of one org share: their senders and the org's listener. */
  private static final class OrgOutbound {
    final List<Sender> senders = new CopyOnWriteArrayList<>();
    final AtomicInteger duplicateNext = new AtomicInteger();
  }

  private final Orgs orgs;
  private final Tokens tokens;
  private final OutboundSettings settings;
  private final OutboundMetrics metrics;
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, OrgOutbound> byOrg = new ConcurrentHashMap<>();

  OutboundMessages(
      Orgs orgs, Tokens tokens, OutboundSettings settings, OutboundMetrics metrics, Clock clock) {
    this.orgs = orgs;
    this.tokens = tokens;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Registers a definition and starts its sender.
   *
   * @throws IllegalArgumentException an unknown org, field or user, or a field that cannot be sent
   */
  public OutboundDefinition define(OutboundDefinition definition) {
    Org org = org(definition.orgId());
    var type = org.schema().type(definition.sobject()).orElseThrow();
    var names = new ArrayList<String>();
    for (String name : definition.fields()) {
      Field field =
          type.field(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "No field " + name + " on " + definition.sobject()));
      if (field.type() == FieldType.ADDRESS) {
        throw new IllegalArgumentException("Compound field " + name + " cannot be sent");
      }
      names.add(field.name());
    }
    if (definition.condition() instanceof Condition.FieldEnters enters
        && type.field(enters.field()).isEmpty()) {
      throw new IllegalArgumentException(
          "No field " + enters.field() + " on " + definition.sobject());
    }
    Condition condition =
        definition.condition() instanceof Condition.FieldEnters enters
            ? new Condition.FieldEnters(type.field(enters.field()).get().name(), enters.value())
            : definition.condition();
    if (!org.userIds().contains(definition.userId())) {
      throw new IllegalArgumentException("Not a user of the org: " + definition.userId());
    }
    var normalised =
        new OutboundDefinition(
            definition.actionId(),
            org.id(),
            definition.name(),
            definition.sobject(),
            condition,
            names,
            definition.endpoint(),
            definition.sendSessionId(),
            definition.userId(),
            definition.apiVersion());
    OrgOutbound outbound =
        byOrg.computeIfAbsent(
            org.id(),
            id -> {
              var created = new OrgOutbound();
              org.addListener(changes -> enqueue(created, changes));
              return created;
            });
    var sender =
        new Sender(
            normalised, org, orgs, tokens, http, settings, metrics, outbound.duplicateNext, clock);
    outbound.senders.add(sender);
    sender.start();
    return normalised;
  }

  /** The org's definitions with their counts and queues, in creation order. */
  public List<Status> statuses(String orgId) {
    Org org = org(orgId);
    OrgOutbound outbound = byOrg.get(org.id());
    return outbound == null ? List.of() : outbound.senders.stream().map(Sender::status).toList();
  }

  public Optional<Status> status(String orgId, String actionId) {
    return sender(orgId, actionId).map(Sender::status);
  }

  /** Stops and forgets a definition with its queue; false when there was none. */
  public boolean delete(String orgId, String actionId) {
    Optional<Sender> sender = sender(orgId, actionId);
    sender.ifPresent(
        s -> {
          byOrg.get(org(orgId).id()).senders.remove(s);
          s.stop();
        });
    return sender.isPresent();
  }

  /**
   * Fault injection: queues a notification for each record as if its condition had fired.
   *
   * @throws IllegalArgumentException an id that is not a live record of the definition's object
   */
  public void trigger(String orgId, String actionId, List<String> recordIds) {
    Org org = org(orgId);
    Sender sender =
        sender(orgId, actionId)
            .orElseThrow(() -> new IllegalArgumentException("No outbound message " + actionId));
    var ids = new ArrayList<String>();
    String type = sender.definition().sobject();
    for (String raw : recordIds) {
      String id;
      try {
        id = SalesforceId.of(raw).value();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Not a record id: " + raw);
      }
      if (org.row(id)
          .filter(r -> org.schema().typeOfId(id).orElseThrow().name().equals(type))
          .filter(r -> r.get("IsDeleted") != Boolean.TRUE)
          .isEmpty()) {
        throw new IllegalArgumentException("Not a live " + type + ": " + raw);
      }
      ids.add(id);
    }
    ids.forEach(sender::enqueue);
  }

  /** Fault injection: the next {@code count} delivered messages of the org go out twice. */
  public void duplicateNext(String orgId, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    Org org = org(orgId);
    byOrg.computeIfAbsent(org.id(), id -> new OrgOutbound()).duplicateNext.set(count);
  }

  @Override
  public void close() {
    byOrg.values().forEach(o -> o.senders.forEach(Sender::stop));
    http.shutdownNow();
  }

  private void enqueue(OrgOutbound outbound, List<ChangeRecord> changes) {
    for (ChangeRecord change : changes) {
      for (Sender sender : outbound.senders) {
        OutboundDefinition definition = sender.definition();
        if (definition.sobject().equals(change.entityName())
            && definition.condition().matches(change)) {
          change.recordIds().forEach(sender::enqueue);
        }
      }
    }
  }

  private Optional<Sender> sender(String orgId, String actionId) {
    OrgOutbound outbound = byOrg.get(org(orgId).id());
    if (outbound == null || actionId == null) {
      return Optional.empty();
    }
    return outbound.senders.stream()
        .filter(s -> s.definition().actionId().equals(normalised(actionId)))
        .findFirst();
  }

  private static String normalised(String id) {
    try {
      return SalesforceId.of(id).value();
    } catch (RuntimeException e) {
      return id;
    }
  }

  private Org org(String orgId) {
    return orgs.byId(orgId).orElseThrow(() -> new IllegalArgumentException("No org " + orgId));
  }
}
