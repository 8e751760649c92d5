package com.caskr.sync.ingest.webhook;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.connections.ConnectedOrg;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.metrics.IngestEvents.Outcome;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a signed JSON webhook: parsed, org checked, signature and freshness checked in
 * constant time against the org's valid secrets, the event id claimed (replays refused), then
 * published; 202 only once Kafka acknowledged the change. A change Kafka did not take gives its
 * event id back, so the sender's retry is published.
 */
final class WebhookIntake {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  private static final ChangeSource SOURCE = ChangeSource.WEBHOOK;

  /** How a webhook was handled. */
  sealed interface Result {}

  /** In Kafka: 202. */
  record Accepted(String eventId) implements Result {}

  /** Refused: a 4xx with a JSON error naming the problem. */
  record Rejected(int status, String code, String message) implements Result {}

  /** Kafka (or the org registry) cannot take it now: 503, the sender retries. */
  record Unavailable(String message) implements Result {}

  private final ConnectedOrgs orgs;
  private final WebhookSecrets secrets;
  private final WebhookEventIds eventIds;
  private final ChangeEnvelopes envelopes;
  private final ChangePublisher publisher;
  private final OrgClients clients;
  private final OwnerEmails owners;
  private final IngestEvents events;
  private final Clock clock;
  private final Duration ackTimeout;

  WebhookIntake(
      ConnectedOrgs orgs,
      WebhookSecrets secrets,
      WebhookEventIds eventIds,
      ChangeEnvelopes envelopes,
      ChangePublisher publisher,
      OrgClients clients,
      OwnerEmails owners,
      IngestEvents events,
      Clock clock,
      Duration ackTimeout) {
    this.orgs = orgs;
    this.secrets = secrets;
    this.eventIds = eventIds;
    this.envelopes = envelopes;
    this.publisher = publisher;
    this.clients = clients;
    this.owners = owners;
    this.events = events;
    this.clock = clock;
    this.ackTimeout = ackTimeout;
  }

  /**
   * Handles one webhook; {@code trace} gets its stages' instants when a JFR recording enables it
   * (the caller commits it).
   */
  Result accept(SalesforceEntity entity, byte[] body, String signature, WebhookRequestEvent trace) {
    WebhookPayload payload;
    try {
      payload = WebhookPayload.parse(body, entity == SalesforceEntity.OPPORTUNITY);
    } catch (WebhookPayload.Invalid e) {
      return rejected(entity, 400, e.code(), e.getMessage());
    }
    if (!secrets.enabled()) {
      return new Unavailable("Webhooks are not configured (ingest.webhook.keyset-json)");
    }
    if (!orgs.loaded()) {
      return new Unavailable("Connected orgs are still loading; retry");
    }
    ConnectedOrg org = orgs.byOrgId(payload.organizationId()).orElse(null);
    if (org == null) {
      LOG.warn("Refused a webhook for org {}: not a connected org", payload.organizationId());
      return rejected(entity, 403, "unknown_org", "organization_id is not a connected org");
    }
    WebhookSignature.Problem problem = verify(org, body, signature);
    if (problem != null) {
      return switch (problem) {
        case MISSING ->
            rejected(entity, 401, "missing_signature", WebhookSignature.HEADER + " is required");
        case MALFORMED ->
            rejected(
                entity,
                401,
                "malformed_signature",
                WebhookSignature.HEADER + " must be t=<unix seconds>,v1=<hex HMAC-SHA256>");
        case STALE ->
            rejected(
                entity,
                401,
                "stale_signature",
                "The signature timestamp is more than 5 minutes from now");
        case MISMATCH -> rejected(entity, 401, "bad_signature", "The signature does not verify");
      };
    }
    SalesforceRecordChanged change;
    try {
      change =
          envelopes
              .change(org.tenant(), entity, payload.recordId(), SOURCE, payload.sourceVersion())
              .changeType(payload.changeType())
              .changedFields(payload.changedFields())
              .fields(payload.data())
              .lineItems(payload.lineItems())
              .occurredAt(payload.timestamp())
              .build();
    } catch (WebhookPayload.Invalid e) {
      return rejected(entity, 400, e.code(), e.getMessage());
    } catch (IllegalArgumentException e) {
      return rejected(entity, 400, "invalid_field", e.getMessage());
    }
    change = withOwnerEmail(org, change);
    trace.eventId = payload.eventId();
    trace.verified = trace.now();
    WebhookEventIds.Claim claim;
    try {
      claim = eventIds.claim(org.tenant(), payload.eventId(), trace);
    } catch (RuntimeException e) {
      LOG.warn("Could not claim webhook event id of org {}: {}", org.orgId(), e.toString());
      return new Unavailable("The event id ledger is unavailable; retry");
    }
    switch (claim) {
      case REPLAYED -> {
        events.record(SOURCE, entity, Outcome.DUPLICATE, 1);
        return new Rejected(409, "replayed_event", "event_id was already accepted");
      }
      case IN_FLIGHT -> {
        events.record(SOURCE, entity, Outcome.DUPLICATE, 1);
        return new Unavailable("An earlier delivery of this event_id is still in progress; retry");
      }
      case CLAIMED -> trace.claimed = trace.now();
    }
    boolean acknowledged = false;
    try {
      CompletableFuture<Void> ack = publisher.publish(List.of(change));
      if (trace.isEnabled()) {
        trace.sent = System.nanoTime();
        // Runs on the producer's network thread as it completes the send.
        trace.acknowledged =
            ack.thenApply(done -> System.nanoTime())
                .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        trace.resumed = System.nanoTime();
      } else {
        ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      acknowledged = true;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "Kafka did not acknowledge webhook {} of org {}: {}",
          payload.eventId(),
          org.orgId(),
          e.toString());
      return new Unavailable("Kafka did not acknowledge the change; retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unavailable("Interrupted; retry");
    } finally {
      if (!acknowledged) {
        release(org, payload.eventId());
      }
    }
    eventIds.accepted(org.tenant(), payload.eventId());
    return new Accepted(payload.eventId());
  }

  /**
   * Gives the event id back so the sender's retry is published; if even that fails, the claim
   * lapses after {@code ingest.webhook.claim-timeout}.
   */
  private void release(ConnectedOrg org, String eventId) {
    try {
      eventIds.release(org.tenant(), eventId);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not release webhook event id of org {}; a retry is accepted once the claim"
              + " lapses: {}",
          org.orgId(),
          e.toString());
    }
  }

  /**
   * The change with its owner's email when {@code data} has an OwnerId but no {@code Owner}
   * relationship (cached per org, else read from Salesforce). A webhook does not wait for
   * Salesforce to be reachable: without the email it is published as sent, and mapping-service uses
   * the email it remembers for that owner.
   */
  private SalesforceRecordChanged withOwnerEmail(ConnectedOrg org, SalesforceRecordChanged change) {
    try {
      return owners
          .attach(org.tenant(), () -> clients.forOrg(org.tenant()).rest(), List.of(change))
          .getFirst();
    } catch (RuntimeException e) {
      LOG.warn(
          "Webhook {} of org {} published without its owner's email: {}",
          change.recordId(),
          org.orgId(),
          e.toString());
      return change;
    }
  }

  /** Signature problem, after one re-read of the secrets if the cached ones do not verify. */
  private WebhookSignature.Problem verify(ConnectedOrg org, byte[] body, String signature) {
    var now = clock.instant();
    WebhookSignature.Problem problem =
        WebhookSignature.check(signature, body, secrets.valid(org.tenant()), now);
    if (problem == WebhookSignature.Problem.MISMATCH) {
      List<byte[]> fresh = secrets.reloaded(org.tenant());
      if (!fresh.isEmpty()) {
        problem = WebhookSignature.check(signature, body, fresh, now);
      }
    }
    return problem;
  }

  private Rejected rejected(SalesforceEntity entity, int status, String code, String message) {
    events.record(SOURCE, entity, Outcome.REJECTED, 1);
    return new Rejected(status, code, message);
  }
}
