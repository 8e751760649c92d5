package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.conflicts.FieldConflict;
import com.caskr.sync.mapping.conflicts.FieldDecision;
import com.caskr.sync.mapping.outbox.Outbox;
import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.ConflictDetected;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records the conflicts found while applying a change in crm_sync_conflicts: the ones a person must
 * decide as PENDING (announced on sync.conflict.detected.v1 through the outbox), the ones the
 * company's strategy settled as RESOLVED by the strategy.
 */
final class ConflictQueue {

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Clock clock;

  ConflictQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
  }

  void forReview(
      SalesforceRecordChanged event, CaskrEntity entity, long caskrId, FieldConflict conflict) {
    long id =
        jdbc.sql(
                "INSERT INTO mapping.crm_sync_conflicts (company_id, org_id, entity, caskr_id,"
                    + " salesforce_id, field, salesforce_field, base_value, salesforce_value,"
                    + " caskr_value, salesforce_modified_at, caskr_modified_at,"
                    + " detected_direction, strategy, is_critical, source_event_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?,"
                    + " 'INBOUND', ?, ?, ?)"
                    + " ON CONFLICT (company_id, entity, caskr_id, field) WHERE status = 'PENDING'"
                    + " DO UPDATE SET salesforce_value = excluded.salesforce_value,"
                    + " caskr_value = excluded.caskr_value,"
                    + " salesforce_modified_at = excluded.salesforce_modified_at,"
                    + " caskr_modified_at = excluded.caskr_modified_at,"
                    + " source_event_id = excluded.source_event_id, detected_at = now()"
                    + " RETURNING id")
            .params(
                event.tenant().companyId(),
                event.tenant().orgId().value(),
                event.entity().apiName(),
                caskrId,
                event.recordId().value(),
                conflict.field(),
                conflict.salesforceField(),
                conflict.baseKnown() ? json(conflict.base()) : null,
                json(conflict.salesforceValue()),
                json(conflict.caskrValue()),
                timestamp(conflict.salesforceModifiedAt()),
                timestamp(conflict.caskrModifiedAt()),
                conflict.strategy().settingValue(),
                conflict.critical(),
                event.eventId())
            .query(Long.class)
            .single();
    outbox.append(
        new ConflictDetected(
            UUID.randomUUID(),
            ConflictDetected.SCHEMA_VERSION,
            event.tenant(),
            conflictId(id),
            entity,
            caskrId,
            event.entity().apiName(),
            event.recordId(),
            conflict.field(),
            conflict.salesforceField(),
            conflict.base(),
            conflict.salesforceValue(),
            conflict.caskrValue(),
            conflict.salesforceModifiedAt(),
            conflict.caskrModifiedAt() == null ? clock.instant() : conflict.caskrModifiedAt(),
            conflict.strategy(),
            conflict.critical(),
            clock.instant(),
            event.traceId()));
  }

  void settled(SalesforceRecordChanged event, long caskrId, FieldDecision.Resolved resolved) {
    FieldConflict conflict = resolved.conflict();
    jdbc.sql(
            "INSERT INTO mapping.crm_sync_conflicts (company_id, org_id, entity, caskr_id,"
                + " salesforce_id, field, salesforce_field, base_value, salesforce_value,"
                + " caskr_value, salesforce_modified_at, caskr_modified_at, detected_direction,"
                + " strategy, is_critical, status, resolution, resolved_value, resolved_by,"
                + " resolved_at, source_event_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, 'INBOUND',"
                + " ?, ?, 'RESOLVED', ?, ?::jsonb, ?, now(), ?)")
        .params(
            event.tenant().companyId(),
            event.tenant().orgId().value(),
            event.entity().apiName(),
            caskrId,
            event.recordId().value(),
            conflict.field(),
            conflict.salesforceField(),
            conflict.baseKnown() ? json(conflict.base()) : null,
            json(conflict.salesforceValue()),
            json(conflict.caskrValue()),
            timestamp(conflict.salesforceModifiedAt()),
            timestamp(conflict.caskrModifiedAt()),
            conflict.strategy().settingValue(),
            conflict.critical(),
            resolved.resolution().name(),
            json(resolved.value()),
            "strategy:" + conflict.strategy().settingValue(),
            event.eventId())
        .update();
  }

  /** The event-side id of a conflict row: stable, so a re-announcement carries the same id. */
  static UUID conflictId(long rowId) {
    return UUID.nameUUIDFromBytes(("crm_sync_conflicts/" + rowId).getBytes(StandardCharsets.UTF_8));
  }

  private static String json(Object value) {
    return EventJson.mapper().writeValueAsString(value);
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
