package com.caskr.sync.mapping.settings;

import com.caskr.sync.mapping.fieldmap.Lookups;
import com.caskr.sync.mapping.fieldmap.Transformation;
import com.caskr.sync.schema.SalesforceId;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * LOOKUP mappings resolved through the tables: the (cached) industry table, crm_entity_mappings of
 * the named object, and caskr.users by email.
 *
 * <p>user_by_email matches the value as an email address. Salesforce sends OwnerId, a User id; the
 * caller that applies an Account replaces it with the owner's email (read from Salesforce) before
 * mapping. A bare User id matches nobody: the customer stays unassigned, with a LOOKUP_NOT_FOUND
 * note in the sync log.
 */
public final class JdbcLookups implements Lookups {

  private final JdbcClient jdbc;
  private final CompanySettings settings;

  public JdbcLookups(JdbcClient jdbc, CompanySettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  @Override
  public Optional<Object> find(long companyId, Transformation.Lookup lookup, Object value) {
    String text = String.valueOf(value).strip();
    return switch (lookup.kind()) {
      case INDUSTRY_CUSTOMER_TYPE ->
          Optional.ofNullable(
              settings.industryCustomerTypes(companyId).get(text.toLowerCase(Locale.ROOT)));
      case ENTITY_MAPPING -> {
        if (!SalesforceId.isValid(text)) {
          yield Optional.empty();
        }
        yield jdbc.sql(
                """
                select caskr_id from mapping.crm_entity_mappings
                 where company_id = :company and salesforce_object = :object
                   and salesforce_id = :id and sync_status = 'ACTIVE'
                """)
            .param("company", companyId)
            .param("object", lookup.salesforceObject())
            .param("id", SalesforceId.of(text).value())
            .query(Long.class)
            .optional()
            .map(Object.class::cast);
      }
      case USER_BY_EMAIL -> {
        if (!text.contains("@")) {
          yield Optional.empty();
        }
        yield jdbc.sql(
                """
                select id from caskr.users
                 where company_id = :company and lower(email) = lower(:email) and is_active
                """)
            .param("company", companyId)
            .param("email", text)
            .query(Long.class)
            .optional()
            .map(Object.class::cast);
      }
    };
  }
}
