package com.caskr.sync.schema.topics;

import com.caskr.sync.schema.events.ConflictDetected;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.CustomerChanged;
import com.caskr.sync.schema.events.CustomerSynced;
import com.caskr.sync.schema.events.OrderChanged;
import com.caskr.sync.schema.events.OrderSynced;
import com.caskr.sync.schema.events.PortalUserChanged;
import com.caskr.sync.schema.events.PortalUserSynced;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every topic of the sync (ARCHITECTURE.md §4). Dead-letter topics derive from these. */
public final class TopicCatalogue {

  private static final String SALESFORCE_KEY = "<orgId18>/<recordId18>";
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration MONTH = Duration.ofDays(30);

  public static final Topic SALESFORCE_ACCOUNT_CHANGED =
      changed("salesforce.account.changed.v1", SALESFORCE_KEY, SalesforceRecordChanged.class);
  public static final Topic SALESFORCE_CONTACT_CHANGED =
      changed("salesforce.contact.changed.v1", SALESFORCE_KEY, SalesforceRecordChanged.class);
  public static final Topic SALESFORCE_OPPORTUNITY_CHANGED =
      changed("salesforce.opportunity.changed.v1", SALESFORCE_KEY, SalesforceRecordChanged.class);

  public static final Topic CASKR_CUSTOMER_SYNCED =
      synced("caskr.customer.synced.v1", "<companyId>/<customerId>", CustomerSynced.class);
  public static final Topic CASKR_ORDER_SYNCED =
      synced("caskr.order.synced.v1", "<companyId>/<orderId>", OrderSynced.class);
  public static final Topic CASKR_PORTAL_USER_SYNCED =
      synced("caskr.portal-user.synced.v1", "<companyId>/<portalUserId>", PortalUserSynced.class);

  public static final Topic CASKR_CUSTOMER_CHANGED =
      changed("caskr.customer.changed.v1", "<companyId>/<customerId>", CustomerChanged.class);
  public static final Topic CASKR_ORDER_CHANGED =
      changed("caskr.order.changed.v1", "<companyId>/<orderId>", OrderChanged.class);
  public static final Topic CASKR_PORTAL_USER_CHANGED =
      changed(
          "caskr.portal-user.changed.v1", "<companyId>/<portalUserId>", PortalUserChanged.class);

  public static final Topic SYNC_CONFLICT_DETECTED =
      new Topic(
          "sync.conflict.detected.v1",
          "<companyId>/<conflictId>",
          ConflictDetected.class,
          6,
          MONTH,
          CleanupPolicy.DELETE);
  public static final Topic SYNC_CONFLICT_RESOLVED =
      new Topic(
          "sync.conflict.resolved.v1",
          "<companyId>/<conflictId>",
          ConflictResolved.class,
          6,
          MONTH,
          CleanupPolicy.DELETE);

  public static final Topic SYNC_COMMAND =
      new Topic(
          "sync.command.v1",
          "<companyId>/<orgId18>",
          SyncCommandIssued.class,
          3,
          WEEK,
          CleanupPolicy.DELETE);

  public static final Topic AUTH_CONNECTION_CHANGED =
      new Topic(
          "auth.connection.changed.v1",
          "<companyId>",
          ConnectionChanged.class,
          3,
          null,
          CleanupPolicy.COMPACT);

  private static final List<Topic> ALL =
      List.of(
          SALESFORCE_ACCOUNT_CHANGED,
          SALESFORCE_CONTACT_CHANGED,
          SALESFORCE_OPPORTUNITY_CHANGED,
          CASKR_CUSTOMER_SYNCED,
          CASKR_ORDER_SYNCED,
          CASKR_PORTAL_USER_SYNCED,
          CASKR_CUSTOMER_CHANGED,
          CASKR_ORDER_CHANGED,
          CASKR_PORTAL_USER_CHANGED,
          SYNC_CONFLICT_DETECTED,
          SYNC_CONFLICT_RESOLVED,
          SYNC_COMMAND,
          AUTH_CONNECTION_CHANGED);

  private static final Map<String, Topic> BY_NAME = index(ALL);

  private TopicCatalogue() {}

  /** The base topics, without dead-letter topics, in a stable order. Unmodifiable. */
  public static List<Topic> all() {
    return ALL;
  }

  /** The base topics followed by their dead-letter topics: everything a broker needs. */
  public static List<Topic> allWithDeadLetters() {
    var topics = new ArrayList<Topic>(ALL);
    ALL.forEach(topic -> topics.add(topic.deadLetter()));
    return List.copyOf(topics);
  }

  /** A topic by name; {@code <name>.dlq} resolves to the dead-letter topic of {@code <name>}. */
  public static Optional<Topic> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if (name.endsWith(Topic.DEAD_LETTER_SUFFIX)) {
      String base = name.substring(0, name.length() - Topic.DEAD_LETTER_SUFFIX.length());
      return Optional.ofNullable(BY_NAME.get(base)).map(Topic::deadLetter);
    }
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The topic an event is published to. */
  public static Topic topicFor(SyncEvent event) {
    return switch (event) {
      case SalesforceRecordChanged changed ->
          switch (changed.entity()) {
            case ACCOUNT -> SALESFORCE_ACCOUNT_CHANGED;
            case CONTACT -> SALESFORCE_CONTACT_CHANGED;
            case OPPORTUNITY -> SALESFORCE_OPPORTUNITY_CHANGED;
          };
      case CustomerSynced synced -> CASKR_CUSTOMER_SYNCED;
      case OrderSynced synced -> CASKR_ORDER_SYNCED;
      case PortalUserSynced synced -> CASKR_PORTAL_USER_SYNCED;
      case CustomerChanged changed -> CASKR_CUSTOMER_CHANGED;
      case OrderChanged changed -> CASKR_ORDER_CHANGED;
      case PortalUserChanged changed -> CASKR_PORTAL_USER_CHANGED;
      case ConflictDetected detected -> SYNC_CONFLICT_DETECTED;
      case ConflictResolved resolved -> SYNC_CONFLICT_RESOLVED;
      case SyncCommandIssued issued -> SYNC_COMMAND;
      case ConnectionChanged changed -> AUTH_CONNECTION_CHANGED;
    };
  }

  private static Topic changed(String name, String key, Class<? extends SyncEvent> type) {
    return new Topic(name, key, type, 12, WEEK, CleanupPolicy.DELETE);
  }

  private static Topic synced(String name, String key, Class<? extends SyncEvent> type) {
    return new Topic(name, key, type, 12, null, CleanupPolicy.COMPACT);
  }

  private static Map<String, Topic> index(List<Topic> topics) {
    var byName = new LinkedHashMap<String, Topic>();
    for (Topic topic : topics) {
      if (topic.isDeadLetter()) {
        throw new IllegalStateException("The catalogue lists base topics only: " + topic.name());
      }
      if (byName.putIfAbsent(topic.name(), topic) != null) {
        throw new IllegalStateException("Duplicate topic name " + topic.name());
      }
    }
    return Map.copyOf(byName);
  }
}
