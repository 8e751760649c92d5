package com.caskr.sync.ingest.commands;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.json.EventJson;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ingest.sync_commands}: commands handed over by the Kafka consumer to whichever instance
 * leads the org (V4). Stored once per event id; deleted when done.
 */
final class CommandInbox {

  private static final JsonMapper JSON = EventJson.mapper();

  private final JdbcClient jdbc;

  CommandInbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored command. */
  record Pending(UUID eventId, Tenant tenant, SyncCommand command, String traceId, int attempts) {}

  /** Stores {@code issued} unless it is already stored (a redelivered record). */
  void store(SyncCommandIssued issued) {
    jdbc.sql(
            """
            insert into ingest.sync_commands
                (event_id, company_id, org_id, command, requested_by, trace_id, issued_at)
            values (?, ?, ?, cast(? as jsonb), ?, ?, ?)
            on conflict (event_id) do nothing
            """)
        .params(
            issued.eventId(),
            issued.tenant().companyId(),
            issued.tenant().orgId().value(),
            JSON.writerFor(SyncCommand.class).writeValueAsString(issued.command()),
            issued.requestedBy(),
            issued.traceId(),
            Timestamp.from(issued.occurredAt()))
        .update();
  }

  /** Pending commands of {@code tenant} that are due, in the order they were issued. */
  List<Pending> due(Tenant tenant, int limit) {
    return jdbc.sql(
            """
            select event_id, company_id, org_id, command::text, trace_id, attempts
              from ingest.sync_commands
             where company_id = ? and org_id = ? and status = 'PENDING'
               and next_attempt_at <= now()
             order by issued_at, received_at
             limit ?
            """)
        .params(tenant.companyId(), tenant.orgId().value(), limit)
        .query(
            (row, n) ->
                new Pending(
                    row.getObject(1, UUID.class),
                    new Tenant(row.getLong(2), SalesforceId.of(row.getString(3))),
                    JSON.readValue(row.getString(4), SyncCommand.class),
                    row.getString(5),
                    row.getInt(6)))
        .list();
  }

  void done(UUID eventId) {
    jdbc.sql("delete from ingest.sync_commands where event_id = ?").params(eventId).update();
  }

  /** Records a failed attempt: retried after {@code retryIn}, or FAILED for good. */
  void failed(UUID eventId, String error, Duration retryIn, boolean giveUp) {
    jdbc.sql(
            """
            update ingest.sync_commands
               set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                   status = case when ? then 'FAILED' else 'PENDING' end
             where event_id = ?
            """)
        .params(error, Timestamp.from(Instant.now().plus(retryIn)), giveUp, eventId)
        .update();
  }
}
