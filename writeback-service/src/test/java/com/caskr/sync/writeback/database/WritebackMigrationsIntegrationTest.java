package com.caskr.sync.writeback.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * writeback-service's migrations on a real PostgreSQL, in the service's order: the caskr schema
 * first, then its own with the Flyway settings of its application.yml. The capture triggers are
 * exercised the way Caskr apps and mapping-service write. Tests share one database and each works
 * in a company of its own.
 */
class WritebackMigrationsIntegrationTest {

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() throws IOException {
    dataSource = TestInfrastructure.freshDatabase("writeback_migrations").dataSource();
    CaskrDomainSchema.migrate(dataSource);
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
  }

  @Test
  void historyTableLivesInTheWritebackSchema() throws SQLException, IOException {
    assertThat(ServiceFlyway.settings())
        .containsEntry("schemas", "writeback")
        .containsEntry("default-schema", "writeback")
        .containsEntry("create-schemas", true)
        .containsEntry("locations", "classpath:db/migration/writeback");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'flyway_schema_history' ORDER BY 1"))
        .containsExactly("caskr", "writeback");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT version || ':' || success FROM writeback.flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank"))
        .containsExactly("1:true", "2:true", "3:true", "4:true");
    assertThat(ServiceFlyway.configuredAsTheService(dataSource).migrate().migrationsExecuted)
        .isZero();
  }

  @Test
  void aCaskrEditOfOneFieldIsLoggedAsExactlyThatField() throws SQLException {
    long company = company();
    long customer = customerWrittenBySync(company, "Highland Bar", "555-0100");
    String transactionId;

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "UPDATE caskr.customers SET phone = '555-0199' WHERE id = ?", customer);
      transactionId = single(connection, "SELECT pg_current_xact_id()::text");
      connection.commit();
    }

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT entity || '|' || caskr_id || '|' || operation || '|'"
                    + " || array_to_string(changed_columns, ',') || '|' || old_values::text || '|'"
                    + " || new_values::text || '|' || transaction_id::text || '|'"
                    + " || (sent_at IS NULL) FROM writeback.trigger_log WHERE company_id = "
                    + company))
        .containsExactly(
            "customer|"
                + customer
                + "|UPDATE|phone|{\"phone\": \"555-0100\"}|{\"phone\": \"555-0199\"}|"
                + transactionId
                + "|true");
  }

  @Test
  void changedColumnsAreTheColumnsThatChanged() throws SQLException {
    long company = company();
    long customer = customerWrittenBySync(company, "Highland Bar", "555-0100");

    Sql.update(
        dataSource,
        "UPDATE caskr.customers SET name = 'Highland Bar & Grill', phone = NULL,"
            + " billing_city = 'Denver', website = website WHERE id = ?",
        customer);

    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            Sql.prepare(
                connection,
                "SELECT changed_columns, old_values::text, new_values::text"
                    + " FROM writeback.trigger_log WHERE company_id = ?",
                company);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      assertThat(texts(row.getArray(1))).containsExactly("billing_city", "name", "phone");
      assertThat(row.getString(2))
          .isEqualTo(
              "{\"name\": \"Highland Bar\", \"phone\": \"555-0100\", \"billing_city\": null}");
      assertThat(row.getString(3))
          .isEqualTo(
              "{\"name\": \"Highland Bar & Grill\", \"phone\": null, \"billing_city\": \"Denver\"}");
      assertThat(row.next()).isFalse();
    }
  }

  @Test
  void anUpdateThatChangesNothingOrOnlyBookkeepingIsNotLogged() throws SQLException {
    long company = company();
    long customer = customerWrittenBySync(company, "Highland Bar", "555-0100");

    Sql.update(dataSource, "UPDATE caskr.customers SET phone = '555-0100' WHERE id = ?", customer);
    Sql.update(
        dataSource,
        "UPDATE caskr.customers SET salesforce_last_sync_at = now(), updated_at = now()"
            + " WHERE id = ?",
        customer);

    assertThat(logged(company)).isZero();
  }

  @Test
  void writesTaggedAsTheSyncAreNotLoggedAndTheTagEndsWithTheTransaction() throws SQLException {
    long company = company();
    long customer = customerWrittenBySync(company, "Highland Bar", "555-0100");

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "SET LOCAL caskr.sync_origin = 'salesforce-sync'");
      execute(connection, "UPDATE caskr.customers SET phone = '555-0111' WHERE id = ?", customer);
      execute(
          connection,
          "INSERT INTO caskr.portal_users (company_id, email) VALUES (?, 'new@bar.example')",
          company);
      connection.commit();
      assertThat(logged(company)).isZero();

      execute(connection, "UPDATE caskr.customers SET phone = '555-0122' WHERE id = ?", customer);
      assertThat(
              single(
                  connection,
                  "SELECT coalesce(current_setting('caskr.sync_origin', true)," + " '<unset>')"))
          .as("the next transaction on the same connection is untagged")
          .isIn("", "<unset>");
      connection.commit();
    }

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT new_values::text FROM writeback.trigger_log WHERE company_id = " + company))
        .containsExactly("{\"phone\": \"555-0122\"}");
  }

  @Test
  void anotherOriginValueIsStillACaskrEdit() throws SQLException {
    long company = company();
    long customer = customerWrittenBySync(company, "Highland Bar", "555-0100");

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "SET LOCAL caskr.sync_origin = 'caskr-web'");
      execute(connection, "UPDATE caskr.customers SET phone = '555-0111' WHERE id = ?", customer);
      connection.commit();
    }

    assertThat(logged(company)).isOne();
  }

  @Test
  void insertsAndDeletesOfAllThreeEntitiesAreLogged() throws SQLException {
    long company = company();
    long customer =
        Sql.insert(
            dataSource,
            "INSERT INTO caskr.customers (company_id, name, phone) VALUES (?, 'Corner Store',"
                + " '555-0100') RETURNING id",
            company);
    long order =
        Sql.insert(
            dataSource,
            "INSERT INTO caskr.orders (company_id, customer_id, order_number, status)"
                + " VALUES (?, ?, 'SO-1', 'Confirmed') RETURNING id",
            company,
            customer);
    long portalUser =
        Sql.insert(
            dataSource,
            "INSERT INTO caskr.portal_users (company_id, customer_id, email, is_cask_investor)"
                + " VALUES (?, ?, 'jane@corner.example', true) RETURNING id",
            company,
            customer);
    Sql.update(dataSource, "UPDATE caskr.orders SET status = 'Shipped' WHERE id = ?", order);
    Sql.update(dataSource, "DELETE FROM caskr.portal_users WHERE id = ?", portalUser);

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT entity || ':' || caskr_id || ':' || operation || ':'"
                    + " || array_to_string(changed_columns, ',') || ':'"
                    + " || coalesce(old_values::text, '-') || ':' || coalesce(new_values::text, '-')"
                    + " FROM writeback.trigger_log WHERE company_id = "
                    + company
                    + " ORDER BY id"))
        .containsExactly(
            "customer:"
                + customer
                + ":INSERT:billing_country,customer_type,is_active,name,phone:-:"
                + "{\"name\": \"Corner Store\", \"phone\": \"555-0100\", \"is_active\": true,"
                + " \"customer_type\": \"Direct\", \"billing_country\": \"USA\"}",
            "order:"
                + order
                + ":INSERT:customer_id,is_active,order_number,status,total_amount:-:"
                + "{\"status\": \"Confirmed\", \"is_active\": true, \"customer_id\": "
                + customer
                + ", \"order_number\": \"SO-1\", \"total_amount\": 0.00}",
            "portal-user:"
                + portalUser
                + ":INSERT:customer_id,email,is_active,is_cask_investor,portal_enabled:-:"
                + "{\"email\": \"jane@corner.example\", \"is_active\": true, \"customer_id\": "
                + customer
                + ", \"portal_enabled\": false, \"is_cask_investor\": true}",
            "order:"
                + order
                + ":UPDATE:status:{\"status\": \"Confirmed\"}:{\"status\": \"Shipped\"}",
            "portal-user:"
                + portalUser
                + ":DELETE:customer_id,email,is_active,is_cask_investor,portal_enabled:"
                + "{\"email\": \"jane@corner.example\", \"is_active\": true, \"customer_id\": "
                + customer
                + ", \"portal_enabled\": false, \"is_cask_investor\": true}:-");
  }

  @Test
  void aRolledBackEditLeavesNothingToSend() throws SQLException {
    long company = company();
    long customer = customerWrittenBySync(company, "Highland Bar", "555-0100");

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "UPDATE caskr.customers SET phone = '555-0199' WHERE id = ?", customer);
      connection.rollback();
    }

    assertThat(logged(company)).isZero();
  }

  @Test
  void theRelayReadsUnsentRowsInIdOrderFromAPartialIndex() throws SQLException {
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'writeback'"
                    + " AND tablename = 'trigger_log' AND indexname <> 'trigger_log_pkey'"))
        .containsExactly(
            "CREATE INDEX trigger_log_unsent_idx ON writeback.trigger_log USING btree (id)"
                + " WHERE (sent_at IS NULL)");
  }

  private static long company() throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.company (name) VALUES (?) RETURNING id",
        "Distillery " + UUID.randomUUID());
  }

  /** A customer as mapping-service creates it: tagged, so its creation is not logged. */
  private static long customerWrittenBySync(long company, String name, String phone)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "SET LOCAL caskr.sync_origin = 'salesforce-sync'");
      long id =
          Long.parseLong(
              single(
                  connection,
                  "INSERT INTO caskr.customers (company_id, name, phone, salesforce_account_id)"
                      + " VALUES (?, ?, ?, '001000000000001AAA') RETURNING id",
                  company,
                  name,
                  phone));
      connection.commit();
      return id;
    }
  }

  private static long logged(long company) throws SQLException {
    return Long.parseLong(
        Sql.strings(
                dataSource,
                "SELECT count(*) FROM writeback.trigger_log WHERE company_id = " + company)
            .getFirst());
  }

  private static List<String> texts(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = Sql.prepare(connection, sql, parameters)) {
      statement.execute();
    }
  }

  private static String single(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = Sql.prepare(connection, sql, parameters);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }
}
