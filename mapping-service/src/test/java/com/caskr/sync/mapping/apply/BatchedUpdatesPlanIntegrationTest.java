package com.caskr.sync.mapping.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The plan of a flush of plain updates: a batch of 500 of a company's 20,000 customers, the tables
 * analysed (autovacuum off, so nothing else changes the statistics). The customers are read only by
 * probes of their key, one per update, never by a scan of the table, and the flush writes exactly
 * the batch's rows and pairs (ADR 0021, ninth pass).
 */
class BatchedUpdatesPlanIntegrationTest {

  private static final long TENANT = 1;
  private static final int CUSTOMERS = 20_000;
  private static final int BATCH = 500;
  private static final String ORG = "00D000000000001AAA";
  private static final Instant VERSION = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void probesEachRowByItsKeyAndWritesOnlyTheBatch() throws SQLException {
    DataSource dataSource = TestInfrastructure.freshDatabase("batched_update_plan").dataSource();
    CaskrDomainSchema.migrate(dataSource);
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
    for (String table : List.of("mapping.crm_entity_mappings", "caskr.customers")) {
      Sql.update(dataSource, "ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
    }
    Sql.update(dataSource, "INSERT INTO caskr.company (name) VALUES ('tenant')");
    String[] accounts = new String[CUSTOMERS];
    for (int i = 0; i < CUSTOMERS; i++) {
      accounts[i] = SalesforceId.of("001" + "%012d".formatted(i + 1)).value();
    }
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            "INSERT INTO caskr.customers (company_id, name, phone, salesforce_account_id)"
                + " SELECT ?, 'Customer ' || n, '+1 555 0', a FROM unnest(?::text[])"
                + " WITH ORDINALITY AS u(a, n)")
        .params(TENANT, accounts)
        .update();
    Sql.update(
        dataSource,
        "INSERT INTO mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
            + " salesforce_id, caskr_entity, caskr_id, last_synced_fields)"
            + " SELECT company_id, ?, 'Account', salesforce_account_id, 'customer', id,"
            + " jsonb_build_object('name', name, 'phone', phone) FROM caskr.customers",
        ORG);
    Sql.update(dataSource, "ANALYZE caskr.customers");
    Sql.update(dataSource, "ANALYZE mapping.crm_entity_mappings");

    List<BatchedUpdates.Update> updates = new ArrayList<>();
    jdbc.sql(
            "SELECT id, caskr_id, salesforce_id FROM mapping.crm_entity_mappings"
                + " WHERE caskr_id % 40 = 7 ORDER BY salesforce_id")
        .query(
            rs -> {
              Map<String, Object> values = new LinkedHashMap<>();
              values.put("name", "Customer " + rs.getLong("caskr_id"));
              values.put("phone", "+1 555 1");
              updates.add(
                  new BatchedUpdates.Update(
                      CaskrTable.CUSTOMERS,
                      TENANT,
                      rs.getLong("caskr_id"),
                      SalesforceId.of(rs.getString("salesforce_id")),
                      values,
                      rs.getLong("id"),
                      values,
                      VERSION,
                      row -> {}));
            });
    assertThat(updates).hasSize(BATCH);

    JsonNode plan =
        EventJson.mapper()
            .readTree(
                jdbc.sql(
                        "EXPLAIN (ANALYZE, FORMAT JSON) "
                            + BatchedUpdates.sql(CaskrTable.CUSTOMERS))
                    .params(BatchedUpdates.params(CaskrTable.CUSTOMERS, updates))
                    .query(String.class)
                    .single());

    List<JsonNode> reads = new ArrayList<>();
    collect(plan.get(0).get("Plan"), "customers", reads);
    assertThat(reads)
        .as("the customers' scans under the update")
        .isNotEmpty()
        .allSatisfy(
            scan -> {
              assertThat(scan.get("Node Type").asString()).isEqualTo("Index Scan");
              assertThat(scan.get("Actual Rows").asDouble() * scan.get("Actual Loops").asDouble())
                  .isEqualTo(BATCH);
              assertThat(scan.path("Rows Removed by Filter").asLong(0)).isZero();
            });
    assertThat(count(jdbc, "SELECT count(*) FROM caskr.customers WHERE phone = '+1 555 1'"))
        .isEqualTo(BATCH);
    assertThat(
            count(
                jdbc,
                "SELECT count(*) FROM caskr.customers WHERE phone = '+1 555 1' AND id % 40 <> 7"))
        .isZero();
    assertThat(
            count(
                jdbc,
                "SELECT count(*) FROM mapping.crm_entity_mappings m JOIN caskr.customers t"
                    + " ON t.id = m.caskr_id WHERE m.last_synced_fields ->> 'phone' = '+1 555 1'"
                    + " AND m.last_source_version = '2026-11-23T10:00:00Z'"
                    + " AND m.caskr_modified_at = t.updated_at"))
        .isEqualTo(BATCH);
  }

  private static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  /** The scans of {@code relation} in the plan, the update's target excluded. */
  private static void collect(JsonNode node, String relation, List<JsonNode> found) {
    if (relation.equals(node.path("Relation Name").asString(""))
        && !node.path("Node Type").asString("").equals("ModifyTable")) {
      found.add(node);
    }
    for (JsonNode child : node.path("Plans")) {
      collect(child, relation, found);
    }
  }
}
