package com.caskr.sync.ingest.records;

import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The owner relationship mapping-service assigns Caskr users by: {@code "Owner": {"Id": "005…",
 * "Email": "…"}} next to {@code OwnerId}. Queries select it ({@code Owner.Id, Owner.Email}); the
 * channels whose payload carries only OwnerId (CDC, record fetches, Outbound Messages, webhooks)
 * add it here from a per-org cache of User emails, filled with one {@code SELECT Id, Email FROM
 * User WHERE Id IN (…)} per batch for the ids it does not hold. Entries live {@code ttl}, so a
 * changed email reaches events within that time.
 */
public final class OwnerEmails {

  /** The relationship's key in an envelope's fields. */
  public static final String OWNER = "Owner";

  private static final String OWNER_ID = "OwnerId";
  private static final String USER_PREFIX = "005";

  private record Cached(String email, Instant expiresAt) {}

  private final Map<Tenant, Map<SalesforceId, Cached>> byOrg = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  public OwnerEmails(Clock clock, Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("The owner email cache TTL must not be negative");
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * {@code changes} with the Owner relationship added to every envelope whose fields carry a User's
   * OwnerId but no Owner yet; the emails of the org's users not cached are read in one query per
   * {@link RecordReader#IDS_PER_QUERY}; {@code rest} is asked for only then. An owner Salesforce
   * does not return (deleted user, a queue) is left without the relationship.
   *
   * @throws com.caskr.sync.salesforce.errors.SalesforceException when the users cannot be read
   */
  public List<SalesforceRecordChanged> attach(
      Tenant tenant, Supplier<SalesforceRestClient> rest, List<SalesforceRecordChanged> changes) {
    Set<SalesforceId> owners = new LinkedHashSet<>();
    for (SalesforceRecordChanged change : changes) {
      ownerNeedingEmail(change.fields()).ifPresent(owners::add);
    }
    if (owners.isEmpty()) {
      return changes;
    }
    Map<SalesforceId, String> emails = emails(tenant, rest, owners);
    var result = new ArrayList<SalesforceRecordChanged>(changes.size());
    for (SalesforceRecordChanged change : changes) {
      var owner = ownerNeedingEmail(change.fields());
      String email = owner.map(emails::get).orElse(null);
      result.add(email == null ? change : withOwner(change, owner.get(), email));
    }
    return result;
  }

  /** The emails of {@code users} that Salesforce knows, cached ones without a query. */
  public Map<SalesforceId, String> emails(
      Tenant tenant, Supplier<SalesforceRestClient> rest, Collection<SalesforceId> users) {
    Instant now = clock.instant();
    Map<SalesforceId, Cached> cache = byOrg.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    var found = new HashMap<SalesforceId, String>();
    var missing = new ArrayList<SalesforceId>();
    for (SalesforceId user : users) {
      Cached cached = cache.get(user);
      if (cached != null && cached.expiresAt().isAfter(now)) {
        found.put(user, cached.email());
      } else {
        missing.add(user);
      }
    }
    Instant expiresAt = now.plus(ttl);
    for (List<SalesforceId> chunk : RecordReader.chunks(missing)) {
      try (Stream<Map<String, Object>> rows =
          rest.get()
              .query(
                  "SELECT Id, Email FROM User WHERE Id IN " + RecordReader.inList(chunk), 2000)) {
        rows.forEach(
            row -> {
              if (row.get("Id") instanceof String id
                  && row.get("Email") instanceof String email
                  && !email.isBlank()) {
                SalesforceId user = SalesforceId.of(id);
                cache.put(user, new Cached(email, expiresAt));
                found.put(user, email);
              }
            });
      }
    }
    return found;
  }

  /** A User id in OwnerId with no Owner relationship beside it. */
  public static Optional<SalesforceId> ownerNeedingEmail(Map<String, ?> fields) {
    if (fields == null
        || fields.get(OWNER) != null
        || !(fields.get(OWNER_ID) instanceof String id)
        || !SalesforceId.isValid(id)) {
      return Optional.empty();
    }
    SalesforceId owner = SalesforceId.of(id);
    return owner.hasKeyPrefix(USER_PREFIX) ? Optional.of(owner) : Optional.empty();
  }

  /** The {@code Owner} value: {@code {"Id": owner, "Email": email}}. */
  public static Map<String, Object> relationship(SalesforceId owner, String email) {
    var relationship = new LinkedHashMap<String, Object>();
    relationship.put("Id", owner.value());
    relationship.put("Email", email);
    return relationship;
  }

  private static SalesforceRecordChanged withOwner(
      SalesforceRecordChanged c, SalesforceId owner, String email) {
    var fields = new LinkedHashMap<String, Object>(c.fields());
    fields.put(OWNER, relationship(owner, email));
    return new SalesforceRecordChanged(
        c.eventId(),
        c.schemaVersion(),
        c.tenant(),
        c.entity(),
        c.recordId(),
        c.changeType(),
        c.source(),
        c.sourceVersion(),
        c.changedFields(),
        fields,
        c.lineItems(),
        c.changeOrigin(),
        c.echo(),
        c.occurredAt(),
        c.receivedAt(),
        c.traceId());
  }
}
