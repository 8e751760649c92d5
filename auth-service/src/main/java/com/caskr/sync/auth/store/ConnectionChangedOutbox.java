package com.caskr.sync.auth.store;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes {@code auth.connection.changed.v1} events to {@code auth.outbox_events}; the outbox relay
 * publishes them. Every store method that changes a connection's state calls {@link #append}
 * <em>inside its own transaction, after its update</em>: the event then commits or rolls back with
 * the change, and the row lock the update took orders one company's events by commit.
 *
 * <p>For the connect flow: after inserting or replacing the connection row, call {@code
 * outbox.append(companyId, orgId, CONNECTED, previousState (null for a first connection),
 * environment, instanceUrl, null, at)} in the same transaction.
 */
final class ConnectionChangedOutbox {

  private final JdbcClient jdbc;

  ConnectionChangedOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that the company's connection to {@code orgId} is now in {@code state}.
   *
   * @param previousState null for the company's first connection
   * @param reason a code or short message, never a token; null if there is nothing to say
   * @return the event as it will be published
   */
  ConnectionChanged append(
      long companyId,
      SalesforceId orgId,
      ConnectionState state,
      ConnectionState previousState,
      SalesforceEnvironment environment,
      URI instanceUrl,
      String reason,
      Instant at) {
    ConnectionChanged event =
        new ConnectionChanged(
            UUID.randomUUID(),
            ConnectionChanged.SCHEMA_VERSION,
            new Tenant(companyId, orgId),
            state,
            previousState,
            environment,
            instanceUrl,
            reason,
            at,
            newTraceId());
    jdbc.sql(
            """
            insert into outbox_events (event_id, company_id, topic, message_key, payload)
            values (:eventId, :company, :topic, :key, cast(:payload as jsonb))
            """)
        .param("eventId", event.eventId())
        .param("company", companyId)
        .param("topic", TopicCatalogue.topicFor(event).name())
        .param("key", event.kafkaKey())
        .param("payload", EventJson.mapper().writeValueAsString(event))
        .update();
    return event;
  }

  /** A W3C-style 32 hex digit trace id: nothing upstream hands this service one. */
  private static String newTraceId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
