package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.fieldmap.FieldDirection;
import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.mapping.fieldmap.Transformation;
import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.json.EventJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/**
 * A company's field mappings and sync preference for one Salesforce object, company rows winning
 * over the defaults (company_id NULL), read in the applying transaction.
 */
final class StoredFieldRules {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;

  StoredFieldRules(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The sync preference of a company for an object. */
  record Preference(ConflictStrategy strategy, boolean inbound) {}

  FieldRules rules(long companyId, SalesforceEntity object) {
    List<FieldRule> rules =
        jdbc.sql(
                "SELECT * FROM (SELECT DISTINCT ON (salesforce_field) salesforce_field,"
                    + " caskr_entity, caskr_field, direction, is_required, is_critical,"
                    + " transformation_rule, transformation_config::text AS config,"
                    + " default_value::text AS default_value, target_position, is_active"
                    + " FROM mapping.crm_field_mappings WHERE salesforce_object = ?"
                    + " AND (company_id = ? OR company_id IS NULL)"
                    + " ORDER BY salesforce_field, company_id NULLS LAST) m WHERE is_active")
            .params(object.apiName(), companyId)
            .query(
                (rs, n) -> {
                  String defaultJson = rs.getString("default_value");
                  return new FieldRule(
                      object,
                      rs.getString("salesforce_field"),
                      caskrEntity(rs.getString("caskr_entity")),
                      rs.getString("caskr_field"),
                      FieldDirection.valueOf(rs.getString("direction")),
                      rs.getBoolean("is_required"),
                      rs.getBoolean("is_critical"),
                      Transformation.of(
                          rs.getString("transformation_rule"),
                          EventJson.mapper().readValue(rs.getString("config"), OBJECT)),
                      defaultJson != null,
                      defaultJson == null
                          ? null
                          : EventJson.mapper().readValue(defaultJson, Object.class),
                      rs.getInt("target_position"));
                })
            .list();
    return new FieldRules(companyId, object, rules);
  }

  Preference preference(long companyId, SalesforceEntity object) {
    return jdbc.sql(
            "SELECT conflict_strategy, direction, enabled FROM mapping.crm_sync_preferences"
                + " WHERE entity = ? AND (company_id = ? OR company_id IS NULL)"
                + " ORDER BY company_id NULLS LAST LIMIT 1")
        .params(object.apiName(), companyId)
        .query(
            (rs, n) ->
                new Preference(
                    strategy(rs.getString("conflict_strategy")),
                    rs.getBoolean("enabled")
                        && FieldDirection.valueOf(rs.getString("direction")).inbound()))
        .optional()
        .orElse(new Preference(ConflictStrategy.LAST_WRITE_WINS, true));
  }

  private static CaskrEntity caskrEntity(String wireName) {
    return Arrays.stream(CaskrEntity.values())
        .filter(entity -> entity.wireName().equals(wireName))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown caskr_entity " + wireName));
  }

  private static ConflictStrategy strategy(String setting) {
    return Arrays.stream(ConflictStrategy.values())
        .filter(strategy -> strategy.settingValue().equals(setting))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown conflict_strategy " + setting));
  }
}
