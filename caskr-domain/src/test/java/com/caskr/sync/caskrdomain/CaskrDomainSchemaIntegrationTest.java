package com.caskr.sync.caskrdomain;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caskr stand-in schema on a real PostgreSQL. Tests share one migrated database and stay out of
 * each other's way by creating their own companies, which is also what tenancy is about.
 */
class CaskrDomainSchemaIntegrationTest {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String CHECK_VIOLATION = "23514";
  private static final String NOT_NULL_VIOLATION = "23502";

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() {
    TestDatabase database = TestInfrastructure.freshDatabase("caskr_domain_schema");
    dataSource = database.dataSource();
    CaskrDomainSchema.migrate(dataSource);
  }

  @Test
  void migratingAgainChangesNothingAndKeepsHistoryInTheCaskrSchema() throws SQLException {
    List<String> before = appliedMigrations();

    CaskrDomainSchema.migrate(dataSource);

    assertThat(appliedMigrations()).isEqualTo(before).contains("1:true");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'flyway_schema_history'"))
        .containsExactly("caskr");
    assertThat(
            Sql.strings(
                dataSource,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'caskr'"
                    + " AND table_name <> 'flyway_schema_history' ORDER BY table_name"))
        .containsExactly(
            "company", "customers", "order_lines", "orders", "portal_users", "products", "users");
  }

  @Test
  void skuIsUniquePerCompanyNotAcrossCompanies() throws SQLException {
    long first = company();
    long second = company();
    product(first, "BRB-750");
    product(second, "BRB-750");

    assertThat(Sql.rejection(() -> product(first, "BRB-750"))).isEqualTo(UNIQUE_VIOLATION);
    assertThat(count("SELECT count(*) FROM caskr.products WHERE sku = 'BRB-750'")).isEqualTo(2);
  }

  @Test
  void portalUserEmailIsUniquePerCompanyWhateverItsCase() throws SQLException {
    long first = company();
    long second = company();
    portalUser(first, "Jane@Distillery.example");
    portalUser(second, "jane@distillery.example");

    assertThat(Sql.rejection(() -> portalUser(first, "JANE@distillery.EXAMPLE")))
        .isEqualTo(UNIQUE_VIOLATION);
  }

  @Test
  void userEmailIsUniquePerCompanyWhateverItsCase() throws SQLException {
    long first = company();
    long second = company();
    user(first, "owner@caskr.example");
    user(second, "owner@caskr.example");

    assertThat(Sql.rejection(() -> user(first, "Owner@Caskr.Example"))).isEqualTo(UNIQUE_VIOLATION);
  }

  @Test
  void salesforceIdsAreUniquePerCompanyNotAcrossCompanies() throws SQLException {
    long first = company();
    long second = company();
    String accountId = "001000000000001AAA";
    long firstCustomer = customer(first, "Highland Bar", accountId);
    customer(second, "Highland Bar", accountId);
    assertThat(Sql.rejection(() -> customer(first, "Another Bar", accountId)))
        .isEqualTo(UNIQUE_VIOLATION);

    String opportunityId = "006000000000001AAA";
    order(first, firstCustomer, "SO-1", opportunityId);
    assertThat(Sql.rejection(() -> order(first, firstCustomer, "SO-2", opportunityId)))
        .isEqualTo(UNIQUE_VIOLATION);

    String contactId = "003000000000001AAA";
    Sql.update(
        dataSource,
        "UPDATE caskr.portal_users SET salesforce_contact_id = ? WHERE id = ?",
        contactId,
        portalUser(first, "a@x.example"));
    long other = portalUser(first, "b@x.example");
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.portal_users SET salesforce_contact_id = ? WHERE id = ?",
                        contactId,
                        other)))
        .isEqualTo(UNIQUE_VIOLATION);
  }

  @Test
  void anyNumberOfRowsMayWaitForTheirSalesforceId() throws SQLException {
    long company = company();
    long customer = customer(company, "One", null);
    customer(company, "Two", null);
    customer(company, "Three", null);
    order(company, customer, "SO-1", null);
    order(company, customer, "SO-2", null);

    assertThat(
            count(
                "SELECT count(*) FROM caskr.customers WHERE company_id = "
                    + company
                    + " AND salesforce_account_id IS NULL"))
        .isEqualTo(3);
    assertThat(
            count(
                "SELECT count(*) FROM caskr.orders WHERE company_id = "
                    + company
                    + " AND salesforce_opportunity_id IS NULL"))
        .isEqualTo(2);
  }

  @Test
  void rowsCannotPointAtAnotherCompanysRows() throws SQLException {
    long mine = company();
    long theirs = company();
    long theirCustomer = customer(theirs, "Their Bar", null);
    long theirProduct = product(theirs, "RYE-700");
    long myCustomer = customer(mine, "My Bar", null);
    long myOrder = order(mine, myCustomer, "SO-1", null);
    long theirUser = user(theirs, "rep@their.example");

    assertThat(Sql.rejection(() -> order(mine, theirCustomer, "SO-2", null)))
        .isEqualTo(FOREIGN_KEY_VIOLATION);
    assertThat(Sql.rejection(() -> orderLine(mine, myOrder, theirProduct, 1)))
        .isEqualTo(FOREIGN_KEY_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.insert(
                        dataSource,
                        "INSERT INTO caskr.portal_users (company_id, customer_id, email)"
                            + " VALUES (?, ?, 'x@y.example') RETURNING id",
                        mine,
                        theirCustomer)))
        .isEqualTo(FOREIGN_KEY_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.customers SET assigned_user_id = ? WHERE id = ?",
                        theirUser,
                        myCustomer)))
        .isEqualTo(FOREIGN_KEY_VIOLATION);
  }

  @Test
  void orderLinesOfAnOrderMayBeRenumberedInOneTransaction() throws SQLException {
    long company = company();
    long order = order(company, customer(company, "Bar", null), "SO-1", null);
    long product = product(company, "GIN-700");
    orderLine(company, order, product, 1);
    orderLine(company, order, product, 2);

    Sql.update(
        dataSource,
        "UPDATE caskr.order_lines SET line_number = 3 - line_number WHERE order_id = ?",
        order);
    assertThat(Sql.rejection(() -> orderLine(company, order, product, 1)))
        .isEqualTo(UNIQUE_VIOLATION);
  }

  @Test
  void billingCountryDefaultsToUsaAndCustomerTypeToDirect() throws SQLException {
    long customer = customer(company(), "Corner Store", null);

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT billing_country || '/' || customer_type FROM caskr.customers WHERE id = "
                    + customer))
        .containsExactly("USA/Direct");
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.customers SET billing_country = NULL WHERE id = ?",
                        customer)))
        .isEqualTo(NOT_NULL_VIOLATION);
  }

  @Test
  void closedSetsAndShapesAreEnforced() throws SQLException {
    long company = company();
    long customer = customer(company, "Bar", null);
    long order = order(company, customer, "SO-1", null);

    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.orders SET status = 'HeldForReview' WHERE id = ?",
                        order)))
        .isEqualTo(CHECK_VIOLATION);
    Sql.update(dataSource, "UPDATE caskr.orders SET status = 'InProduction' WHERE id = ?", order);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.customers SET customer_type = 'OnPremise' WHERE id = ?",
                        customer)))
        .isEqualTo(CHECK_VIOLATION);
    Sql.update(
        dataSource,
        "UPDATE caskr.customers SET customer_type = 'On-Premise' WHERE id = ?",
        customer);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.customers SET salesforce_account_id = '001000000000001'"
                            + " WHERE id = ?",
                        customer)))
        .as("a 15-character id must be normalised to 18 before it is stored")
        .isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.update(
                        dataSource,
                        "UPDATE caskr.orders SET total_amount = -0.01 WHERE id = ?",
                        order)))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(
            Sql.rejection(
                () ->
                    Sql.insert(
                        dataSource,
                        "INSERT INTO caskr.users (company_id, email, name, role)"
                            + " VALUES (?, 'z@z.example', 'Z', 'Root') RETURNING id",
                        company)))
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void updatedAtMovesWhenSomethingChangesAndOnlyThen() throws SQLException {
    OffsetDateTime longAgo = OffsetDateTime.parse("2020-01-01T00:00Z");
    long customer =
        Sql.insert(
            dataSource,
            "INSERT INTO caskr.customers (company_id, name, updated_at) VALUES (?, 'Bar', ?)"
                + " RETURNING id",
            company(),
            longAgo);

    Sql.update(dataSource, "UPDATE caskr.customers SET name = name WHERE id = ?", customer);
    assertThat(updatedAt(customer)).as("a no-op update is no edit").isEqualTo(longAgo);

    Sql.update(dataSource, "UPDATE caskr.customers SET phone = '555-0100' WHERE id = ?", customer);
    assertThat(updatedAt(customer)).isAfter(longAgo);

    Sql.update(
        dataSource, "UPDATE caskr.customers SET updated_at = ? WHERE id = ?", longAgo, customer);
    assertThat(updatedAt(customer)).as("the trigger owns updated_at").isAfter(longAgo);
  }

  private static long company() throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.company (name) VALUES (?) RETURNING id",
        "Distillery " + UUID.randomUUID());
  }

  private static long user(long company, String email) throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.users (company_id, email, name) VALUES (?, ?, 'Rep') RETURNING id",
        company,
        email);
  }

  private static long customer(long company, String name, String salesforceAccountId)
      throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.customers (company_id, name, salesforce_account_id)"
            + " VALUES (?, ?, ?) RETURNING id",
        company,
        name,
        salesforceAccountId);
  }

  private static long product(long company, String sku) throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.products (company_id, sku, name, unit_price)"
            + " VALUES (?, ?, 'Bottle', 39.90) RETURNING id",
        company,
        sku);
  }

  private static long order(
      long company, long customer, String orderNumber, String salesforceOpportunityId)
      throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.orders (company_id, customer_id, order_number, status, total_amount,"
            + " salesforce_opportunity_id) VALUES (?, ?, ?, 'Confirmed', 100.00, ?) RETURNING id",
        company,
        customer,
        orderNumber,
        salesforceOpportunityId);
  }

  private static long orderLine(long company, long order, long product, int lineNumber)
      throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.order_lines (company_id, order_id, product_id, line_number, quantity,"
            + " unit_price, total_price) VALUES (?, ?, ?, ?, 2, 39.90, 79.80) RETURNING id",
        company,
        order,
        product,
        lineNumber);
  }

  private static long portalUser(long company, String email) throws SQLException {
    return Sql.insert(
        dataSource,
        "INSERT INTO caskr.portal_users (company_id, email) VALUES (?, ?) RETURNING id",
        company,
        email);
  }

  private static OffsetDateTime updatedAt(long customer) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT updated_at FROM caskr.customers WHERE id = ?")) {
      statement.setLong(1, customer);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getObject(1, OffsetDateTime.class);
      }
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      return row.getLong(1);
    }
  }

  private static List<String> appliedMigrations() throws SQLException {
    return Sql.strings(
        dataSource,
        "SELECT version || ':' || success FROM caskr.flyway_schema_history ORDER BY installed_rank");
  }
}
