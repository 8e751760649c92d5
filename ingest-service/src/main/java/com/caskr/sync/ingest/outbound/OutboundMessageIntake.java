package com.caskr.sync.ingest.outbound;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.change.SalesforceDatetimes;
import com.caskr.sync.ingest.change.SalesforceEntities;
import com.caskr.sync.ingest.connections.ConnectedOrg;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.ingest.notifications.ProcessedNotifications;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.salesforce.outbound.Notification;
import com.caskr.sync.salesforce.outbound.OutboundMessage;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a parsed Outbound Message: the org must be a connected one, notifications already
 * published (or repeated within the message) are dropped, the rest are published (with the owner's
 * email read from the org when OwnerId is among the fields), and only once Kafka acknowledged them
 * all are their ids recorded and the message acknowledged.
 */
final class OutboundMessageIntake {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundMessageIntake.class);
  private static final ChangeSource SOURCE = ChangeSource.OUTBOUND_MESSAGE;

  /** How a message was handled. */
  sealed interface Result {}

  /** Every notification is in Kafka (now or before): answer {@code Ack true}. */
  record Acknowledged(int published, int duplicates) implements Result {}

  /** The message is refused for good reasons of its own (a client fault). */
  record Refused(String reason) implements Result {}

  /** We could not take it now (Kafka, the org registry, line items): Salesforce retries. */
  record Unavailable(String reason) implements Result {}

  private final ConnectedOrgs orgs;
  private final ProcessedNotifications processed;
  private final ChangeEnvelopes envelopes;
  private final ChangePublisher publisher;
  private final OpportunityLineItems lineItems;
  private final OrgClients clients;
  private final OwnerEmails owners;
  private final IngestEvents events;
  private final Clock clock;
  private final Duration ackTimeout;

  OutboundMessageIntake(
      ConnectedOrgs orgs,
      ProcessedNotifications processed,
      ChangeEnvelopes envelopes,
      ChangePublisher publisher,
      OpportunityLineItems lineItems,
      OrgClients clients,
      OwnerEmails owners,
      IngestEvents events,
      Clock clock,
      Duration ackTimeout) {
    this.orgs = orgs;
    this.processed = processed;
    this.envelopes = envelopes;
    this.publisher = publisher;
    this.lineItems = lineItems;
    this.clients = clients;
    this.owners = owners;
    this.events = events;
    this.clock = clock;
    this.ackTimeout = ackTimeout;
  }

  Result accept(SalesforceEntity entity, OutboundMessage message) {
    int count = message.notifications().size();
    if (SalesforceEntities.fromApiName(message.sObjectType()).orElse(null) != entity) {
      events.record(SOURCE, entity, Outcome.REJECTED, count);
      return new Refused(
          "This endpoint takes "
              + entity.apiName()
              + " notifications; the message carries "
              + message.sObjectType());
    }
    if (!orgs.loaded()) {
      return new Unavailable("Connected orgs are still loading");
    }
    ConnectedOrg org = orgs.byOrgId(message.organizationId()).orElse(null);
    if (org == null) {
      events.record(SOURCE, entity, Outcome.REJECTED, count);
      LOG.warn(
          "Refused an Outbound Message of org {} (action {}): not a connected org",
          message.organizationId(),
          message.actionId());
      return new Refused("OrganizationId " + message.organizationId() + " is not a connected org");
    }

    Map<String, Notification> unique = new LinkedHashMap<>();
    for (Notification notification : message.notifications()) {
      unique.putIfAbsent(notification.id().value(), notification);
    }
    Set<String> seen = processed.alreadyProcessed(org.tenant(), SOURCE, unique.keySet());
    List<Notification> fresh =
        unique.values().stream().filter(n -> !seen.contains(n.id().value())).toList();
    int duplicates = count - fresh.size();
    events.record(SOURCE, entity, Outcome.DUPLICATE, duplicates);
    if (fresh.isEmpty()) {
      return new Acknowledged(0, duplicates);
    }

    List<SalesforceRecordChanged> changes;
    try {
      changes = envelopes(org, entity, fresh);
    } catch (OpportunityLineItems.LineItemsUnavailable e) {
      LOG.warn("Outbound Message of org {} not taken now: {}", org.orgId(), e.getMessage());
      return new Unavailable(e.getMessage());
    } catch (IllegalArgumentException e) {
      events.record(SOURCE, entity, Outcome.REJECTED, fresh.size());
      return new Refused(e.getMessage());
    }
    try {
      changes = owners.attach(org.tenant(), () -> clients.forOrg(org.tenant()).rest(), changes);
    } catch (RuntimeException e) {
      // Expired or revoked tokens, API limits, Salesforce down: the message comes again.
      LOG.warn(
          "Outbound Message of org {} not taken now: owners' emails could not be read: {}",
          org.orgId(),
          e.toString());
      return new Unavailable("The owners' emails could not be read from Salesforce");
    }
    try {
      publisher.publish(changes).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "Kafka did not acknowledge {} changes of org {}; Salesforce will retry: {}",
          changes.size(),
          org.orgId(),
          e.toString());
      return new Unavailable("Kafka did not acknowledge the changes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unavailable("Interrupted");
    }
    processed.record(org.tenant(), SOURCE, fresh.stream().map(n -> n.id().value()).toList());
    return new Acknowledged(fresh.size(), duplicates);
  }

  private List<SalesforceRecordChanged> envelopes(
      ConnectedOrg org, SalesforceEntity entity, List<Notification> notifications) {
    Instant now = clock.instant();
    List<SalesforceRecordChanged> changes = new ArrayList<>(notifications.size());
    for (Notification notification : notifications) {
      Instant modstamp = systemModstamp(notification);
      var change =
          envelopes
              .change(
                  org.tenant(),
                  entity,
                  notification.recordId(),
                  SOURCE,
                  modstamp == null ? now : modstamp)
              .fields(notification.fields());
      if (entity == SalesforceEntity.OPPORTUNITY) {
        change.lineItems(lineItems.current(org, notification.recordId()));
      }
      changes.add(change.build());
    }
    return changes;
  }

  private static Instant systemModstamp(Notification notification) {
    String value = notification.fields().get("SystemModstamp");
    if (value == null) {
      return null;
    }
    try {
      return SalesforceDatetimes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Notification " + notification.id() + ": SystemModstamp is not a datetime: " + value);
    }
  }
}
