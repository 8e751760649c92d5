package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.fieldmap.Lookups;
import com.caskr.sync.mapping.fieldmap.Transformation;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * LOOKUP mappings against the tables: crm_industry_customer_types (company rows over defaults,
 * case-insensitive), OwnerId → crm_salesforce_users' email → caskr.users (case-insensitive, active
 * users), and Salesforce id → crm_entity_mappings' Caskr id. Always within the company.
 */
final class JdbcLookups implements Lookups {

  private final JdbcClient jdbc;
  private final EntityMappings mappings;

  JdbcLookups(JdbcClient jdbc, EntityMappings mappings) {
    this.jdbc = jdbc;
    this.mappings = mappings;
  }

  @Override
  public Optional<Object> find(
      long companyId, Transformation.Lookup lookup, Object salesforceValue) {
    String value = String.valueOf(salesforceValue).strip();
    return switch (lookup.kind()) {
      case INDUSTRY_CUSTOMER_TYPE ->
          jdbc.sql(
                  "SELECT customer_type FROM mapping.crm_industry_customer_types"
                      + " WHERE lower(industry) = lower(?) AND (company_id = ? OR company_id IS NULL)"
                      + " ORDER BY company_id NULLS LAST LIMIT 1")
              .params(value, companyId)
              .query(String.class)
              .optional()
              .map(Object.class::cast);
      case USER_BY_EMAIL ->
          jdbc.sql(
                  "SELECT u.id FROM mapping.crm_salesforce_users s JOIN caskr.users u"
                      + " ON u.company_id = s.company_id AND lower(u.email) = lower(s.email)"
                      + " WHERE s.company_id = ? AND s.user_id = ? AND u.is_active")
              .params(companyId, value)
              .query(Long.class)
              .optional()
              .map(Object.class::cast);
      case ENTITY_MAPPING ->
          mappings
              .caskrIdOf(companyId, entity(lookup.salesforceObject()), value)
              .map(Object.class::cast);
    };
  }

  private static SalesforceEntity entity(String apiName) {
    return Arrays.stream(SalesforceEntity.values())
        .filter(entity -> entity.apiName().equals(apiName))
        .findFirst()
        .orElseThrow();
  }
}
