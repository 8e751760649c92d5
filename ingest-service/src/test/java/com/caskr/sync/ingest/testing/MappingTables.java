package com.caskr.sync.ingest.testing;

import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * mapping-service's schema in a test database, migrated from mapping-service's own migration files
 * (copied onto the test classpath by the build), and the rows ingest reads from it.
 */
public final class MappingTables {

  private MappingTables() {}

  /** Creates (or brings up to date) schema {@code mapping} as mapping-service would. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas("mapping")
        .defaultSchema("mapping")
        .createSchemas(true)
        .locations("classpath:mapping-schema")
        .load()
        .migrate();
  }

  /** A record pair as mapping-service keeps it after applying a Salesforce version. */
  public static void mapped(
      DataSource dataSource,
      long companyId,
      String orgId,
      String salesforceObject,
      String salesforceId,
      long caskrId,
      Instant salesforceModifiedAt) {
    String caskrEntity =
        switch (salesforceObject) {
          case "Account" -> "customer";
          case "Opportunity" -> "order";
          default -> "portal-user";
        };
    JdbcClient.create(dataSource)
        .sql(
            """
            insert into mapping.crm_entity_mappings
                (company_id, org_id, salesforce_object, salesforce_id, caskr_entity, caskr_id,
                 salesforce_modified_at)
            values (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            companyId,
            orgId,
            salesforceObject,
            salesforceId,
            caskrEntity,
            caskrId,
            salesforceModifiedAt == null ? null : Timestamp.from(salesforceModifiedAt))
        .update();
  }
}
