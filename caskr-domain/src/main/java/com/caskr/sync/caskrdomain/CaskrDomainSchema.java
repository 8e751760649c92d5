package com.caskr.sync.caskrdomain;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the {@code caskr} schema: the stand-in for Caskr's own tables (company, users,
 * customers, products, orders, order lines, portal users).
 *
 * <p>In production Caskr owns this schema. Here mapping-service and writeback-service both need it,
 * so both run this migration before their own; Flyway's lock on the schema's own history table
 * makes concurrent starts safe.
 */
public final class CaskrDomainSchema {

  public static final String SCHEMA = "caskr";

  private CaskrDomainSchema() {}

  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/caskr")
        .load()
        .migrate();
  }
}
