package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.mapping.conflicts.FieldConflict;
import com.caskr.sync.mapping.conflicts.FieldDecision;
import com.caskr.sync.mapping.conflicts.StrategyNames;
import com.caskr.sync.mapping.conflicts.ThreeWayResult;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue;
import com.caskr.sync.mapping.outbox.Outbox;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConflictDetected;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * crm_sync_conflicts: the conflicts a Salesforce change revealed, published through the outbox in
 * the caller's transaction.
 *
 * <ul>
 *   <li>A conflict for review is PENDING; one per company, entity, Caskr row and field. A newer
 *       conflicting change updates that row (same conflict id, new values) and publishes it again.
 *   <li>A conflict the strategy settled is stored RESOLVED by {@code system} and published twice:
 *       detected, then resolved (writeback pushes a Caskr value that won to Salesforce).
 *   <li>A pending conflict whose field the next change no longer disputes (both sides agree again,
 *       or one side went back to the base) is DISMISSED by {@code system}.
 * </ul>
 */
public final class ConflictQueue {

  /** The resolver of conflicts settled by a strategy. */
  public static final String SYSTEM = "system";

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Clock clock;

  public ConflictQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Stores and publishes the conflicts of {@code result}; call inside the transaction that applies
   * the change.
   */
  public void record(RecordPair pair, ThreeWayResult result) {
    Set<String> undisputed =
        result.decisions().stream()
            .filter(decision -> !(decision instanceof FieldDecision.NeedsReview))
            .map(FieldDecision::field)
            .collect(Collectors.toSet());
    if (!undisputed.isEmpty()) {
      dismissPending(pair, undisputed);
    }
    for (FieldConflict conflict : result.forReview()) {
      UUID conflictId = upsertPending(pair, conflict);
      outbox.append(detected(pair, conflictId, conflict));
    }
    for (FieldDecision.Resolved resolved : result.resolved()) {
      UUID conflictId = insertResolved(pair, resolved);
      outbox.append(detected(pair, conflictId, resolved.conflict()));
      outbox.append(
          new ConflictResolved(
              UUID.randomUUID(),
              ConflictResolved.SCHEMA_VERSION,
              pair.tenant(),
              conflictId,
              pair.caskrEntity(),
              pair.caskrId(),
              pair.salesforceObject().apiName(),
              pair.salesforceId(),
              resolved.field(),
              resolved.conflict().salesforceField(),
              resolved.conflict().strategy(),
              resolved.resolution(),
              resolved.value(),
              SYSTEM,
              clock.instant(),
              pair.traceId()));
    }
  }

  /** One conflict of {@code companyId}. */
  public Optional<StoredConflict> find(long companyId, long id) {
    return jdbc.sql(
            "select * from mapping.crm_sync_conflicts where company_id = :company and id = :id")
        .param("company", companyId)
        .param("id", id)
        .query((rs, row) -> conflict(rs))
        .optional();
  }

  /** The PENDING conflict {@code id} of {@code companyId}, locked until the transaction ends. */
  Optional<StoredConflict> lockPending(long companyId, long id) {
    return jdbc.sql(
            """
            select * from mapping.crm_sync_conflicts
             where company_id = :company and id = :id and status = 'PENDING'
               for update
            """)
        .param("company", companyId)
        .param("id", id)
        .query((rs, row) -> conflict(rs))
        .optional();
  }

  /** A page of {@code companyId}'s conflicts, newest first. */
  public ConflictPage list(ConflictFilter filter, int page, int size) {
    var where = new StringBuilder("company_id = :company");
    if (filter.status() != null) {
      where.append(" and status = :status");
    }
    if (filter.entity() != null) {
      where.append(" and entity = :entity");
    }
    if (filter.critical() != null) {
      where.append(" and is_critical = :critical");
    }
    if (filter.salesforceId() != null) {
      where.append(" and salesforce_id = :salesforceId");
    }
    var count =
        params(jdbc.sql("select count(*) from mapping.crm_sync_conflicts where " + where), filter);
    long total = count.query(Long.class).single();
    var select =
        params(
            jdbc.sql(
                "select * from mapping.crm_sync_conflicts where "
                    + where
                    + " order by detected_at desc, id desc limit :limit offset :offset"),
            filter);
    List<StoredConflict> items =
        select
            .param("limit", size)
            .param("offset", (long) page * size)
            .query((rs, row) -> conflict(rs))
            .list();
    return new ConflictPage(items, total, page, size);
  }

  /** PENDING conflicts of every company (crm_pending_conflicts). */
  public long pendingCount() {
    return jdbc.sql("select count(*) from mapping.crm_sync_conflicts where status = 'PENDING'")
        .query(Long.class)
        .single();
  }

  /** Marks a locked PENDING conflict RESOLVED. */
  void markResolved(long id, Resolution resolution, Object value, String resolvedBy) {
    jdbc.sql(
            """
            update mapping.crm_sync_conflicts
               set status = 'RESOLVED', resolution = :resolution,
                   resolved_value = cast(:value as jsonb), resolved_by = :by, resolved_at = now()
             where id = :id
            """)
        .param("resolution", resolution.name())
        .param("value", json(value))
        .param("by", resolvedBy)
        .param("id", id)
        .update();
  }

  /** Closes a PENDING conflict without a value (the caller holds its lock). */
  void markDismissed(long id, String dismissedBy) {
    jdbc.sql(
            """
            update mapping.crm_sync_conflicts
               set status = 'DISMISSED', resolved_by = :by, resolved_at = now()
             where id = :id
            """)
        .param("by", dismissedBy)
        .param("id", id)
        .update();
  }

  private JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, ConflictFilter filter) {
    spec = spec.param("company", filter.companyId());
    if (filter.status() != null) {
      spec = spec.param("status", filter.status().name());
    }
    if (filter.entity() != null) {
      spec = spec.param("entity", filter.entity().apiName());
    }
    if (filter.critical() != null) {
      spec = spec.param("critical", filter.critical());
    }
    if (filter.salesforceId() != null) {
      spec = spec.param("salesforceId", filter.salesforceId().value());
    }
    return spec;
  }

  private void dismissPending(RecordPair pair, Set<String> fields) {
    jdbc.sql(
            """
            update mapping.crm_sync_conflicts
               set status = 'DISMISSED', resolved_by = :by, resolved_at = now()
             where company_id = :company and entity = :entity and caskr_id = :caskrId
               and status = 'PENDING' and field in (:fields)
            """)
        .param("by", SYSTEM)
        .param("company", pair.tenant().companyId())
        .param("entity", pair.salesforceObject().apiName())
        .param("caskrId", pair.caskrId())
        .param("fields", List.copyOf(fields))
        .update();
  }

  private UUID upsertPending(RecordPair pair, FieldConflict conflict) {
    return insert(
        pair,
        conflict,
        """
        insert into mapping.crm_sync_conflicts
            (company_id, org_id, entity, caskr_id, salesforce_id, field, salesforce_field,
             base_value, salesforce_value, caskr_value, salesforce_modified_at, caskr_modified_at,
             detected_direction, strategy, is_critical, source_event_id)
        values (:company, :org, :entity, :caskrId, :salesforceId, :field, :salesforceField,
                cast(:base as jsonb), cast(:sf as jsonb), cast(:caskr as jsonb), :sfAt, :caskrAt,
                'INBOUND', :strategy, :critical, :event)
        on conflict (company_id, entity, caskr_id, field) where status = 'PENDING' do update
           set org_id = excluded.org_id, salesforce_id = excluded.salesforce_id,
               salesforce_field = excluded.salesforce_field, base_value = excluded.base_value,
               salesforce_value = excluded.salesforce_value, caskr_value = excluded.caskr_value,
               salesforce_modified_at = excluded.salesforce_modified_at,
               caskr_modified_at = excluded.caskr_modified_at, strategy = excluded.strategy,
               is_critical = excluded.is_critical, source_event_id = excluded.source_event_id,
               detected_at = now()
        returning conflict_id
        """,
        null,
        null);
  }

  private UUID insertResolved(RecordPair pair, FieldDecision.Resolved resolved) {
    return insert(
        pair,
        resolved.conflict(),
        """
        insert into mapping.crm_sync_conflicts
            (company_id, org_id, entity, caskr_id, salesforce_id, field, salesforce_field,
             base_value, salesforce_value, caskr_value, salesforce_modified_at, caskr_modified_at,
             detected_direction, strategy, is_critical, source_event_id, status, resolution,
             resolved_value, resolved_by, resolved_at)
        values (:company, :org, :entity, :caskrId, :salesforceId, :field, :salesforceField,
                cast(:base as jsonb), cast(:sf as jsonb), cast(:caskr as jsonb), :sfAt, :caskrAt,
                'INBOUND', :strategy, :critical, :event, 'RESOLVED', :resolution,
                cast(:resolved as jsonb), :by, now())
        returning conflict_id
        """,
        resolved.resolution(),
        resolved.value());
  }

  private UUID insert(
      RecordPair pair,
      FieldConflict conflict,
      String sql,
      Resolution resolution,
      Object resolvedValue) {
    var spec =
        jdbc.sql(sql)
            .param("company", pair.tenant().companyId())
            .param("org", pair.tenant().orgId().value())
            .param("entity", pair.salesforceObject().apiName())
            .param("caskrId", pair.caskrId())
            .param("salesforceId", pair.salesforceId().value())
            .param("field", conflict.field())
            .param("salesforceField", conflict.salesforceField())
            .param("base", conflict.baseKnown() ? json(conflict.base()) : null)
            .param("sf", json(conflict.salesforceValue()))
            .param("caskr", json(conflict.caskrValue()))
            .param(
                "sfAt", OffsetDateTime.ofInstant(conflict.salesforceModifiedAt(), ZoneOffset.UTC))
            .param("caskrAt", OffsetDateTime.ofInstant(conflict.caskrModifiedAt(), ZoneOffset.UTC))
            .param("strategy", conflict.strategy().settingValue())
            .param("critical", conflict.critical())
            .param("event", pair.sourceEventId());
    if (resolution != null) {
      spec =
          spec.param("resolution", resolution.name())
              .param("resolved", json(resolvedValue))
              .param("by", SYSTEM);
    }
    return spec.query(UUID.class).single();
  }

  private ConflictDetected detected(RecordPair pair, UUID conflictId, FieldConflict conflict) {
    return new ConflictDetected(
        UUID.randomUUID(),
        ConflictDetected.SCHEMA_VERSION,
        pair.tenant(),
        conflictId,
        pair.caskrEntity(),
        pair.caskrId(),
        pair.salesforceObject().apiName(),
        pair.salesforceId(),
        conflict.field(),
        conflict.salesforceField(),
        conflict.base(),
        conflict.salesforceValue(),
        conflict.caskrValue(),
        conflict.salesforceModifiedAt(),
        conflict.caskrModifiedAt(),
        conflict.strategy(),
        conflict.critical(),
        clock.instant(),
        pair.traceId());
  }

  static StoredConflict conflict(ResultSet rs) throws SQLException {
    String base = rs.getString("base_value");
    String resolution = rs.getString("resolution");
    return new StoredConflict(
        rs.getLong("id"),
        rs.getObject("conflict_id", UUID.class),
        rs.getLong("company_id"),
        SalesforceId.of(rs.getString("org_id")),
        FieldCatalogue.salesforceObject(rs.getString("entity")).orElseThrow(),
        rs.getLong("caskr_id"),
        SalesforceId.of(rs.getString("salesforce_id")),
        rs.getString("field"),
        rs.getString("salesforce_field"),
        base != null,
        value(base),
        value(rs.getString("salesforce_value")),
        value(rs.getString("caskr_value")),
        instant(rs, "salesforce_modified_at"),
        instant(rs, "caskr_modified_at"),
        rs.getString("detected_direction"),
        StrategyNames.of(rs.getString("strategy")).orElseThrow(),
        rs.getBoolean("is_critical"),
        StoredConflict.Status.valueOf(rs.getString("status")),
        resolution == null ? null : Resolution.valueOf(resolution),
        value(rs.getString("resolved_value")),
        rs.getString("resolved_by"),
        instant(rs, "resolved_at"),
        instant(rs, "detected_at"),
        rs.getObject("source_event_id", UUID.class));
  }

  static Object value(String json) {
    return json == null ? null : EventJson.mapper().readValue(json, Object.class);
  }

  static String json(Object value) {
    return EventJson.mapper().writeValueAsString(value);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
