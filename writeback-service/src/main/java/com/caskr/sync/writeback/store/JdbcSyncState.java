package com.caskr.sync.writeback.store;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConflictDetected;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.writeback.plan.CaskrRow;
import com.caskr.sync.writeback.plan.Conflict;
import com.caskr.sync.writeback.plan.Direction;
import com.caskr.sync.writeback.plan.FieldRule;
import com.caskr.sync.writeback.plan.Link;
import com.caskr.sync.writeback.plan.RowOutcome;
import com.caskr.sync.writeback.plan.SyncState;
import com.caskr.sync.writeback.plan.Target;
import com.caskr.sync.writeback.plan.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * {@link SyncState} on mapping-service's tables ({@code mapping.*}, ADR 0020) and the Caskr tables.
 * Every write that touches a Caskr row runs under the origin tag, so it is not captured again.
 */
final class JdbcSyncState implements SyncState {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** Columns that are not field values (see the capture trigger's bookkeeping list). */
  private static final String BOOKKEEPING =
      "ARRAY['id', 'company_id', 'created_at', 'updated_at', 'salesforce_last_sync_at']";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  JdbcSyncState(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public List<FieldRule> fieldRules(long companyId, Target target) {
    Map<String, Object> preference =
        jdbc
            .sql(
                """
                SELECT direction, enabled FROM mapping.crm_sync_preferences
                 WHERE (company_id = :company OR company_id IS NULL) AND entity = :object
                 ORDER BY company_id NULLS LAST LIMIT 1
                """)
            .param("company", companyId)
            .param("object", target.sobject())
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElse(Map.of("direction", "BIDIRECTIONAL", "enabled", true));
    if (!Boolean.TRUE.equals(preference.get("enabled"))
        || "SF_TO_CASKR".equals(preference.get("direction"))) {
      return List.of();
    }
    return jdbc.sql(
            """
            SELECT * FROM (
                SELECT DISTINCT ON (salesforce_field) caskr_field, salesforce_field, direction,
                       is_critical, transformation_rule, is_active
                  FROM mapping.crm_field_mappings
                 WHERE (company_id = :company OR company_id IS NULL)
                   AND salesforce_object = :object
                 ORDER BY salesforce_field, company_id NULLS LAST) effective
             WHERE is_active
            """)
        .param("company", companyId)
        .param("object", target.sobject())
        .query(
            (rs, n) ->
                new FieldRule(
                    rs.getString("caskr_field"),
                    rs.getString("salesforce_field"),
                    Direction.valueOf(rs.getString("direction")),
                    rs.getBoolean("is_critical"),
                    "TRIM".equals(rs.getString("transformation_rule"))))
        .list();
  }

  @Override
  public Map<Long, CaskrRow> rows(long companyId, Target target, Collection<Long> caskrIds) {
    Map<Long, CaskrRow> rows = new HashMap<>();
    jdbc.sql(
            "SELECT id, (to_jsonb(t) - "
                + BOOKKEEPING
                + ")::text AS row, updated_at FROM caskr."
                + table(target)
                + " t WHERE company_id = :company AND id = ANY(:ids)")
        .param("company", companyId)
        .param("ids", caskrIds.toArray(Long[]::new))
        .query(
            rs -> {
              rows.put(
                  rs.getLong("id"),
                  new CaskrRow(
                      EventJson.mapper().readValue(rs.getString("row"), OBJECT),
                      rs.getTimestamp("updated_at").toInstant()));
            });
    return rows;
  }

  @Override
  public Map<Long, Link> links(long companyId, Target target, Collection<Long> caskrIds) {
    Map<Long, Link> links = new HashMap<>();
    jdbc.sql(
            """
            SELECT caskr_id, salesforce_id, last_synced_fields::text AS snapshot,
                   coalesce(last_synced_at, salesforce_modified_at, created_at) AS synced_at
              FROM mapping.crm_entity_mappings
             WHERE company_id = :company AND caskr_entity = :entity AND caskr_id = ANY(:ids)
               AND sync_status = 'ACTIVE'
            """)
        .param("company", companyId)
        .param("entity", target.entity().wireName())
        .param("ids", caskrIds.toArray(Long[]::new))
        .query(
            rs -> {
              links.put(
                  rs.getLong("caskr_id"),
                  new Link(
                      rs.getString("salesforce_id"),
                      EventJson.mapper().readValue(rs.getString("snapshot"), OBJECT),
                      rs.getTimestamp("synced_at").toInstant()));
            });
    return links;
  }

  @Override
  public void written(String orgId, List<WrittenRow> written) {
    Map<String, List<WrittenRow>> groups = new LinkedHashMap<>();
    for (WrittenRow row : written) {
      Write write = row.write();
      groups
          .computeIfAbsent(
              write.companyId() + "/" + write.target() + "/" + write.isNew(),
              key -> new ArrayList<>())
          .add(row);
    }
    transactions.executeWithoutResult(
        status -> {
          for (List<WrittenRow> group : groups.values()) {
            writtenGroup(orgId, group);
          }
        });
  }

  /** Rows of one company, target and kind: a few statements over arrays, whatever their number. */
  private void writtenGroup(String orgId, List<WrittenRow> group) {
    Write first = group.getFirst().write();
    Long[] ids = group.stream().map(r -> r.write().caskrId()).toArray(Long[]::new);
    String[] salesforceIds =
        group.stream().map(r -> r.outcome().salesforceId()).toArray(String[]::new);
    String[] snapshots = group.stream().map(r -> json(r.write().snapshot())).toArray(String[]::new);
    if (first.isNew()) {
      jdbc.sql(
              """
              INSERT INTO mapping.crm_entity_mappings
                  (company_id, org_id, salesforce_object, salesforce_id, caskr_entity,
                   caskr_id, last_synced_fields, last_synced_at)
              SELECT :company, :org, :object, w.sfid, :entity, w.id, w.snapshot::jsonb, now()
                FROM unnest(CAST(:ids AS bigint[]), CAST(:sfids AS text[]),
                            CAST(:snapshots AS text[])) AS w(id, sfid, snapshot)
               ORDER BY w.id
              ON CONFLICT (company_id, caskr_entity, caskr_id) DO UPDATE SET
                  salesforce_id = excluded.salesforce_id,
                  last_synced_fields = crm_entity_mappings.last_synced_fields
                                       || excluded.last_synced_fields,
                  sync_status = 'ACTIVE', deleted_at = NULL, last_synced_at = now()
              """)
          .param("company", first.companyId())
          .param("org", orgId)
          .param("object", first.target().sobject())
          .param("entity", first.target().entity().wireName())
          .param("ids", ids)
          .param("sfids", salesforceIds)
          .param("snapshots", snapshots)
          .update();
      jdbc.sql("SET LOCAL caskr.sync_origin = 'salesforce-sync'").update();
      jdbc.sql(
              "UPDATE caskr."
                  + table(first.target())
                  + " t SET "
                  + salesforceIdColumn(first.target())
                  + " = w.sfid FROM unnest(CAST(:ids AS bigint[]), CAST(:sfids AS text[]))"
                  + " AS w(id, sfid) WHERE t.company_id = :company AND t.id = w.id")
          .param("ids", ids)
          .param("sfids", salesforceIds)
          .param("company", first.companyId())
          .update();
    } else {
      mergeSnapshots(first.companyId(), first.target(), ids, snapshots);
    }
    jdbc.sql(
            """
            INSERT INTO mapping.crm_sync_logs
                (company_id, org_id, entity, direction, operation, source, salesforce_id,
                 caskr_id, status, retry_count, records_processed, records_created,
                 records_updated, records_failed, request_payload, completed_at)
            SELECT :company, :org, :object, 'OUTBOUND', :operation, 'CASKR', w.sfid, w.id,
                   'SUCCESS', 0, 1, CASE WHEN w.created THEN 1 ELSE 0 END,
                   CASE WHEN w.created THEN 0 ELSE 1 END, 0, w.payload::jsonb, now()
              FROM unnest(CAST(:ids AS bigint[]), CAST(:sfids AS text[]),
                          CAST(:created AS boolean[]), CAST(:payloads AS text[]))
                   AS w(id, sfid, created, payload)
            """)
        .param("company", first.companyId())
        .param("org", orgId)
        .param("object", first.target().sobject())
        .param("operation", first.isNew() ? "UPSERT" : "UPDATE")
        .param("ids", ids)
        .param("sfids", salesforceIds)
        .param("created", group.stream().map(r -> r.outcome().created()).toArray(Boolean[]::new))
        .param("payloads", group.stream().map(r -> json(r.write().record())).toArray(String[]::new))
        .update();
  }

  @Override
  public void agreed(long companyId, Target target, Map<Long, Map<String, Object>> values) {
    List<Map.Entry<Long, Map<String, Object>>> entries = List.copyOf(values.entrySet());
    mergeSnapshots(
        companyId,
        target,
        entries.stream().map(Map.Entry::getKey).toArray(Long[]::new),
        entries.stream().map(e -> json(e.getValue())).toArray(String[]::new));
  }

  @Override
  public void gone(String orgId, Write write, RowOutcome.Gone outcome) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  UPDATE mapping.crm_entity_mappings
                     SET sync_status = 'DELETED', deleted_at = now()
                   WHERE company_id = :company AND caskr_entity = :entity AND caskr_id = :id
                     AND sync_status = 'ACTIVE'
                  """)
              .param("company", write.companyId())
              .param("entity", write.target().entity().wireName())
              .param("id", write.caskrId())
              .update();
          log(
              orgId,
              write,
              "UPDATE",
              write.salesforceId(),
              "SKIPPED",
              outcome.code(),
              outcome.message(),
              0,
              false);
        });
  }

  @Override
  public void held(String orgId, Write write, RowOutcome.Invalid outcome) {
    transactions.executeWithoutResult(
        status -> {
          String conflictTarget =
              write.salesforceId() == null
                  ? "(company_id, entity, caskr_id, reason)"
                      + " WHERE status = 'HELD' AND salesforce_id IS NULL"
                  : "(company_id, entity, salesforce_id, reason)"
                      + " WHERE status = 'HELD' AND salesforce_id IS NOT NULL";
          jdbc.sql(
                  """
                  INSERT INTO mapping.crm_review_holds
                      (company_id, org_id, entity, direction, salesforce_id, caskr_id, reason,
                       details, payload)
                  VALUES (:company, :org, :object, 'OUTBOUND', :sfid, :id, 'VALIDATION_ERROR',
                          :details::jsonb, :payload::jsonb)
                  ON CONFLICT %s DO UPDATE SET
                      details = excluded.details, payload = excluded.payload,
                      held_at = now()
                  """
                      .formatted(conflictTarget))
              .param("company", write.companyId())
              .param("org", orgId)
              .param("object", write.target().sobject())
              .param("sfid", write.salesforceId())
              .param("id", write.caskrId())
              .param("details", json(Map.of("code", outcome.code(), "message", outcome.message())))
              .param("payload", json(write.record()))
              .update();
          log(
              orgId,
              write,
              write.isNew() ? "UPSERT" : "UPDATE",
              write.salesforceId(),
              "HELD",
              outcome.code(),
              outcome.message(),
              0,
              false);
        });
  }

  @Override
  public void failed(String orgId, Write write, String code, String message, int retries) {
    log(
        orgId,
        write,
        write.isNew() ? "UPSERT" : "UPDATE",
        write.salesforceId(),
        "FAILED",
        code == null ? "UNKNOWN" : code,
        message,
        retries,
        false);
  }

  @Override
  public void conflict(String orgId, Conflict conflict) {
    ConflictStrategy strategy =
        jdbc.sql(
                """
                SELECT conflict_strategy FROM mapping.crm_sync_preferences
                 WHERE (company_id = :company OR company_id IS NULL) AND entity = :object
                 ORDER BY company_id NULLS LAST LIMIT 1
                """)
            .param("company", conflict.companyId())
            .param("object", conflict.target().sobject())
            .query(String.class)
            .optional()
            .map(JdbcSyncState::strategy)
            .orElse(ConflictStrategy.LAST_WRITE_WINS);
    transactions.executeWithoutResult(
        status -> {
          UUID conflictId =
              jdbc.sql(
                      """
                      INSERT INTO mapping.crm_sync_conflicts
                          (company_id, org_id, entity, caskr_id, salesforce_id, field,
                           salesforce_field, base_value, salesforce_value, caskr_value,
                           salesforce_modified_at, caskr_modified_at, detected_direction,
                           strategy, is_critical)
                      VALUES (:company, :org, :object, :id, :sfid, :field, :sffield,
                              :base::jsonb, :sfvalue::jsonb, :caskrvalue::jsonb, :sfat,
                              :caskrat, 'OUTBOUND', :strategy, :critical)
                      ON CONFLICT (company_id, entity, caskr_id, field)
                          WHERE status = 'PENDING'
                      DO UPDATE SET salesforce_value = excluded.salesforce_value,
                          caskr_value = excluded.caskr_value,
                          salesforce_modified_at = excluded.salesforce_modified_at,
                          caskr_modified_at = excluded.caskr_modified_at,
                          detected_at = now()
                      RETURNING conflict_id
                      """)
                  .param("company", conflict.companyId())
                  .param("org", orgId)
                  .param("object", conflict.target().sobject())
                  .param("id", conflict.caskrId())
                  .param("sfid", conflict.salesforceId())
                  .param("field", conflict.rule().caskrField())
                  .param("sffield", conflict.rule().salesforceField())
                  .param("base", conflict.baseKnown() ? json(conflict.baseValue()) : null)
                  .param("sfvalue", json(conflict.salesforceValue()))
                  .param("caskrvalue", json(conflict.caskrValue()))
                  .param("sfat", timestamp(conflict.salesforceModifiedAt()))
                  .param("caskrat", timestamp(conflict.caskrModifiedAt()))
                  .param("strategy", strategy.settingValue())
                  .param("critical", conflict.rule().critical())
                  .query(UUID.class)
                  .single();
          jdbc.sql(
                  """
                  INSERT INTO mapping.crm_sync_logs
                      (company_id, org_id, entity, direction, operation, source,
                       salesforce_id, caskr_id, status, error_code, error_message,
                       records_processed, completed_at)
                  VALUES (:company, :org, :object, 'OUTBOUND', 'UPDATE', 'CASKR', :sfid, :id,
                          'CONFLICT', 'CONFLICT', :message, 1, now())
                  """)
              .param("company", conflict.companyId())
              .param("org", orgId)
              .param("object", conflict.target().sobject())
              .param("sfid", conflict.salesforceId())
              .param("id", conflict.caskrId())
              .param("message", "Both sides changed " + conflict.rule().caskrField())
              .update();
          // The event is written with the conflict, published by the outbox relay after commit.
          Instant now = Instant.now();
          OutboxRelay.append(
              jdbc,
              new ConflictDetected(
                  UUID.randomUUID(),
                  ConflictDetected.SCHEMA_VERSION,
                  new Tenant(conflict.companyId(), SalesforceId.of(orgId)),
                  conflictId,
                  conflict.target().entity(),
                  conflict.caskrId(),
                  conflict.target().sobject(),
                  SalesforceId.of(conflict.salesforceId()),
                  conflict.rule().caskrField(),
                  conflict.rule().salesforceField(),
                  conflict.baseValue(),
                  conflict.salesforceValue(),
                  conflict.caskrValue(),
                  conflict.salesforceModifiedAt(),
                  conflict.caskrModifiedAt() == null ? now : conflict.caskrModifiedAt(),
                  strategy,
                  conflict.rule().critical(),
                  now,
                  conflictId.toString().replace("-", "")));
        });
  }

  private void mergeSnapshots(long companyId, Target target, Long[] ids, String[] snapshots) {
    jdbc.sql(
            """
            UPDATE mapping.crm_entity_mappings m
               SET last_synced_fields = m.last_synced_fields || w.snapshot::jsonb,
                   last_synced_at = now()
              FROM unnest(CAST(:ids AS bigint[]), CAST(:snapshots AS text[])) AS w(id, snapshot)
             WHERE m.company_id = :company AND m.caskr_entity = :entity AND m.caskr_id = w.id
            """)
        .param("ids", ids)
        .param("snapshots", snapshots)
        .param("company", companyId)
        .param("entity", target.entity().wireName())
        .update();
  }

  private void log(
      String orgId,
      Write write,
      String operation,
      String salesforceId,
      String status,
      String code,
      String message,
      int retries,
      boolean created) {
    jdbc.sql(
            """
            INSERT INTO mapping.crm_sync_logs
                (company_id, org_id, entity, direction, operation, source, salesforce_id,
                 caskr_id, status, error_code, error_message, retry_count, records_processed,
                 records_created, records_updated, records_failed, request_payload,
                 completed_at)
            VALUES (:company, :org, :object, 'OUTBOUND', :operation, 'CASKR', :sfid, :id,
                    :status, :code, :message, :retries, 1, :created, :updated, :failed,
                    :payload::jsonb, now())
            """)
        .param("company", write.companyId())
        .param("org", orgId)
        .param("object", write.target().sobject())
        .param("operation", operation)
        .param("sfid", salesforceId)
        .param("id", write.caskrId())
        .param("status", status)
        .param("code", code)
        .param("message", message)
        .param("retries", retries)
        .param("created", "SUCCESS".equals(status) && created ? 1 : 0)
        .param("updated", "SUCCESS".equals(status) && !created ? 1 : 0)
        .param("failed", "FAILED".equals(status) || "HELD".equals(status) ? 1 : 0)
        .param("payload", json(write.record()))
        .update();
  }

  private static String table(Target target) {
    return switch (target) {
      case ACCOUNT -> "customers";
      case CONTACT -> "portal_users";
      case OPPORTUNITY -> "orders";
    };
  }

  private static String salesforceIdColumn(Target target) {
    return switch (target) {
      case ACCOUNT -> "salesforce_account_id";
      case CONTACT -> "salesforce_contact_id";
      case OPPORTUNITY -> "salesforce_opportunity_id";
    };
  }

  private static ConflictStrategy strategy(String setting) {
    for (ConflictStrategy strategy : ConflictStrategy.values()) {
      if (strategy.settingValue().equals(setting)) {
        return strategy;
      }
    }
    throw new IllegalStateException("Unknown conflict strategy " + setting);
  }

  private static java.sql.Timestamp timestamp(Instant instant) {
    return instant == null ? null : java.sql.Timestamp.from(instant);
  }

  private static String json(Object value) {
    return EventJson.mapper()
        .writeValueAsString(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
  }
}
