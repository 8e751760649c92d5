package com.caskr.sync.mapping.settings;

import com.caskr.sync.mapping.conflicts.StrategyNames;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue;
import com.caskr.sync.mapping.fieldmap.FieldDirection;
import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.fieldmap.Transformation;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/**
 * crm_field_mappings, crm_sync_preferences and crm_industry_customer_types: a company's own rows
 * over the defaults (company_id NULL), as V1__sync_state.sql describes.
 */
public final class SettingsStore {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;

  public SettingsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every mapping of {@code object} as {@code companyId} sees it, inactive ones included. */
  public List<FieldMapping> mappings(long companyId, SalesforceEntity object) {
    return jdbc.sql(
            """
            select distinct on (salesforce_field) *
              from mapping.crm_field_mappings
             where (company_id = :company or company_id is null) and salesforce_object = :object
             order by salesforce_field, company_id nulls last
            """)
        .param("company", companyId)
        .param("object", object.apiName())
        .query((rs, row) -> mapping(rs))
        .list();
  }

  /** The mapping of one field as {@code companyId} sees it. */
  public Optional<FieldMapping> mapping(long companyId, SalesforceEntity object, String field) {
    return mappings(companyId, object).stream()
        .filter(mapping -> mapping.rule().salesforceField().equals(field))
        .findFirst();
  }

  /** Whether a default (company_id NULL) mapping of the field exists. */
  public boolean hasDefault(SalesforceEntity object, String field) {
    return jdbc.sql(
                """
            select count(*) from mapping.crm_field_mappings
             where company_id is null and salesforce_object = :object and salesforce_field = :field
            """)
            .param("object", object.apiName())
            .param("field", field)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Saves the company's own row for the rule's Salesforce field, replacing any earlier one. */
  public void saveMapping(long companyId, FieldRule rule, boolean active, String updatedBy) {
    jdbc.sql(
            """
            insert into mapping.crm_field_mappings
                (company_id, salesforce_object, salesforce_field, caskr_entity, caskr_field,
                 direction, is_required, is_critical, transformation_rule, transformation_config,
                 default_value, target_position, is_active, updated_by)
            values (:company, :object, :field, :entity, :column, :direction, :required, :critical,
                    :rule, cast(:config as jsonb), cast(:default as jsonb), :position, :active, :by)
            on conflict on constraint crm_field_mappings_company_object_field_key do update
               set caskr_entity = excluded.caskr_entity, caskr_field = excluded.caskr_field,
                   direction = excluded.direction, is_required = excluded.is_required,
                   is_critical = excluded.is_critical,
                   transformation_rule = excluded.transformation_rule,
                   transformation_config = excluded.transformation_config,
                   default_value = excluded.default_value,
                   target_position = excluded.target_position, is_active = excluded.is_active,
                   updated_by = excluded.updated_by
            """)
        .param("company", companyId)
        .param("object", rule.salesforceObject().apiName())
        .param("field", rule.salesforceField())
        .param("entity", rule.caskrEntity().wireName())
        .param("column", rule.caskrField())
        .param("direction", rule.direction().name())
        .param("required", rule.required())
        .param("critical", rule.critical())
        .param("rule", rule.transformation().rule())
        .param("config", json(rule.transformation().config()))
        .param("default", rule.hasDefault() ? json(rule.defaultValue()) : null)
        .param("position", rule.targetPosition())
        .param("active", active)
        .param("by", updatedBy)
        .update();
  }

  /** Removes the company's own row of a field (it inherits the default again, if any). */
  public boolean deleteMapping(long companyId, SalesforceEntity object, String field) {
    return jdbc.sql(
                """
                delete from mapping.crm_field_mappings
                 where company_id = :company and salesforce_object = :object
                   and salesforce_field = :field
                """)
            .param("company", companyId)
            .param("object", object.apiName())
            .param("field", field)
            .update()
        > 0;
  }

  /** The preference of {@code entity} for {@code companyId} (its own row or the default). */
  public SyncPreference preference(long companyId, SalesforceEntity entity) {
    return jdbc.sql(
            """
            select * from mapping.crm_sync_preferences
             where (company_id = :company or company_id is null) and entity = :entity
             order by company_id nulls last
             limit 1
            """)
        .param("company", companyId)
        .param("entity", entity.apiName())
        .query((rs, row) -> preference(companyId, rs))
        .optional()
        .orElseThrow(
            () -> new IllegalStateException("no default sync preference for " + entity.apiName()));
  }

  /** Saves the company's own preference row. */
  public void savePreference(SyncPreference preference, String updatedBy) {
    jdbc.sql(
            """
            insert into mapping.crm_sync_preferences
                (company_id, entity, conflict_strategy, direction, enabled, poll_interval_seconds,
                 reconcile_cron, reconcile_time_zone, updated_by)
            values (:company, :entity, :strategy, :direction, :enabled, :poll, :cron, :zone, :by)
            on conflict on constraint crm_sync_preferences_company_entity_key do update
               set conflict_strategy = excluded.conflict_strategy,
                   direction = excluded.direction, enabled = excluded.enabled,
                   poll_interval_seconds = excluded.poll_interval_seconds,
                   reconcile_cron = excluded.reconcile_cron,
                   reconcile_time_zone = excluded.reconcile_time_zone,
                   updated_by = excluded.updated_by
            """)
        .param("company", preference.companyId())
        .param("entity", preference.entity().apiName())
        .param("strategy", preference.conflictStrategy().settingValue())
        .param("direction", preference.direction().name())
        .param("enabled", preference.enabled())
        .param("poll", preference.pollIntervalSeconds())
        .param("cron", preference.reconcileCron())
        .param("zone", preference.reconcileTimeZone())
        .param("by", updatedBy)
        .update();
  }

  /** Industry (lower case) → customer type for {@code companyId}, its rows over the defaults. */
  public Map<String, String> industryCustomerTypes(long companyId) {
    Map<String, String> types = new HashMap<>();
    RowCallbackHandler collect =
        rs -> types.put(rs.getString("industry"), rs.getString("customer_type"));
    jdbc.sql(
            """
            select distinct on (lower(industry)) lower(industry) as industry, customer_type
              from mapping.crm_industry_customer_types
             where company_id = :company or company_id is null
             order by lower(industry), company_id nulls last
            """)
        .param("company", companyId)
        .query(collect);
    return Map.copyOf(types);
  }

  private static FieldMapping mapping(ResultSet rs) throws SQLException {
    Map<String, Object> config =
        EventJson.mapper().readValue(rs.getString("transformation_config"), OBJECT);
    String defaultJson = rs.getString("default_value");
    var rule =
        new FieldRule(
            object(rs.getString("salesforce_object")),
            rs.getString("salesforce_field"),
            FieldRule.pairedEntity(object(rs.getString("salesforce_object"))),
            rs.getString("caskr_field"),
            FieldDirection.valueOf(rs.getString("direction")),
            rs.getBoolean("is_required"),
            rs.getBoolean("is_critical"),
            Transformation.of(rs.getString("transformation_rule"), config),
            defaultJson != null,
            defaultJson == null ? null : EventJson.mapper().readValue(defaultJson, Object.class),
            rs.getInt("target_position"));
    return new FieldMapping(
        rule,
        rs.getObject("company_id") == null,
        rs.getBoolean("is_active"),
        rs.getString("updated_by"),
        instant(rs, "updated_at"));
  }

  private static SyncPreference preference(long companyId, ResultSet rs) throws SQLException {
    return new SyncPreference(
        companyId,
        object(rs.getString("entity")),
        StrategyNames.of(rs.getString("conflict_strategy")).orElseThrow(),
        FieldDirection.valueOf(rs.getString("direction")),
        rs.getBoolean("enabled"),
        rs.getInt("poll_interval_seconds"),
        rs.getString("reconcile_cron"),
        rs.getString("reconcile_time_zone"),
        rs.getObject("company_id") == null);
  }

  private static SalesforceEntity object(String apiName) {
    return FieldCatalogue.salesforceObject(apiName).orElseThrow();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static String json(Object value) {
    return EventJson.mapper().writeValueAsString(value);
  }
}
