package com.caskr.sync.mapping.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The batch prefetch's plan on a new tenant's first load: 20,000 pairs and customers of one company
 * in a pair table whose statistics have never seen that company (never analysed, or analysed when
 * only another company had pairs; autovacuum off, so nothing analyses in between). Every pair and
 * every row is one index probe by its key, none reads the company's other rows, and the statement
 * returns what the query before it returned (ADR 0021, sixth pass).
 */
class PrefetchPlanIntegrationTest {

  private static final long TENANT = 1;
  private static final long OTHER = 2;
  private static final int PAIRS = 20_000;
  private static final String ORG = "00D000000000001AAA";
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** The prefetch before the sixth pass: the company and object as constants, ids as an array. */
  private static final String BEFORE =
      "WITH p AS (SELECT id, company_id, org_id, salesforce_object, salesforce_id, caskr_id,"
          + " last_synced_fields::text AS snapshot, last_source_version, sync_status"
          + " FROM mapping.crm_entity_mappings WHERE company_id = ?"
          + " AND salesforce_object = ? AND salesforce_id = ANY(?::text[])"
          + " ORDER BY id FOR UPDATE),"
          + " r AS (SELECT p.*, t.id AS row_id, to_jsonb(t)::text AS row_json,"
          + " t.updated_at AS row_updated_at FROM p JOIN caskr.customers t"
          + " ON t.company_id = ? AND t.id = p.caskr_id ORDER BY t.id FOR UPDATE OF t)"
          + " SELECT r.*, EXISTS (SELECT 1 FROM mapping.crm_sync_conflicts c WHERE c.company_id = ?"
          + " AND c.entity = ? AND c.status = 'PENDING' AND c.caskr_id = r.caskr_id) AS disputed"
          + " FROM r UNION ALL SELECT p.*, NULL::bigint, NULL::text, NULL::timestamptz,"
          + " EXISTS (SELECT 1 FROM mapping.crm_sync_conflicts c WHERE c.company_id = ?"
          + " AND c.entity = ? AND c.status = 'PENDING' AND c.caskr_id = p.caskr_id)"
          + " FROM p WHERE p.id NOT IN (SELECT id FROM r)";

  @ParameterizedTest(name = "statistics taken before the tenant had pairs: {0}")
  @ValueSource(booleans = {false, true})
  void probesEachPairAndRowByItsKeyWhateverTheStatisticsKnow(boolean analyzedBeforeTheTenant)
      throws IOException, SQLException {
    DataSource dataSource =
        TestInfrastructure.freshDatabase("prefetch_plan_" + analyzedBeforeTheTenant).dataSource();
    CaskrDomainSchema.migrate(dataSource);
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
    for (String table :
        List.of("mapping.crm_entity_mappings", "caskr.customers", "mapping.crm_sync_conflicts")) {
      Sql.update(dataSource, "ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
    }
    Sql.update(dataSource, "INSERT INTO caskr.company (name) VALUES ('tenant'), ('other')");
    // The other company has pairs for the first 500 of the same Salesforce ids.
    pairs(dataSource, OTHER, 500);
    if (analyzedBeforeTheTenant) {
      Sql.update(dataSource, "ANALYZE mapping.crm_entity_mappings");
      Sql.update(dataSource, "ANALYZE caskr.customers");
    }
    pairs(dataSource, TENANT, PAIRS);
    // A pair whose row is gone, and a row with a pending conflict.
    Sql.update(
        dataSource,
        "DELETE FROM caskr.customers WHERE company_id = ? AND salesforce_account_id = ?",
        TENANT,
        id(140));
    Sql.update(
        dataSource,
        "INSERT INTO mapping.crm_sync_conflicts (company_id, org_id, entity, caskr_id,"
            + " salesforce_id, field, salesforce_field, detected_direction, strategy)"
            + " SELECT company_id, org_id, 'Account', caskr_id, salesforce_id, 'name', 'Name',"
            + " 'INBOUND', 'Manual' FROM mapping.crm_entity_mappings"
            + " WHERE company_id = ? AND salesforce_id = ?",
        TENANT,
        id(210));

    // A batch of 285 records spread over the tenant's pairs (some shared with the other
    // company's ids) and 5 records without a pair.
    List<String> batch = new ArrayList<>();
    IntStream.rangeClosed(1, 285).forEach(i -> batch.add(id(i * 70)));
    IntStream.rangeClosed(1, 5).forEach(i -> batch.add(id(PAIRS + i)));
    String[] ids = batch.stream().sorted().toArray(String[]::new);
    Long[] companies = new Long[ids.length];
    String[] objects = new String[ids.length];
    Arrays.fill(companies, TENANT);
    Arrays.fill(objects, "Account");
    JdbcClient jdbc = JdbcClient.create(dataSource);

    JsonNode plan =
        EventJson.mapper()
            .readTree(
                jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + Prefetched.sql(CaskrTable.CUSTOMERS))
                    .params(companies, objects, ids)
                    .query(String.class)
                    .single());
    List<JsonNode> pairScans = scans(plan, "crm_entity_mappings");
    List<JsonNode> rowScans = scans(plan, "customers");
    assertThat(pairScans).hasSize(1);
    assertThat(pairScans.getFirst().get("Node Type").asString()).isEqualTo("Index Scan");
    assertThat(pairScans.getFirst().get("Index Name").asString())
        .isEqualTo("crm_entity_mappings_salesforce_key");
    assertThat(pairScans.getFirst().get("Index Cond").asString())
        .contains("company_id = k.company_id")
        .contains("salesforce_id")
        .contains("k.id");
    assertThat(pairScans.getFirst().get("Actual Loops").asLong()).isEqualTo(ids.length);
    assertThat(rowScans).hasSize(1);
    assertThat(rowScans.getFirst().get("Node Type").asString()).isEqualTo("Index Scan");
    assertThat(rowScans.getFirst().get("Index Cond").asString()).contains("caskr_id");
    assertThat(rowScans.getFirst().get("Actual Loops").asLong()).isEqualTo(285);
    for (JsonNode scan : List.of(pairScans.getFirst(), rowScans.getFirst())) {
      assertThat(scan.path("Rows Removed by Filter").asLong(0)).isZero();
      assertThat(scan.get("Actual Rows").asDouble()).isLessThanOrEqualTo(1.0);
    }

    Set<List<Object>> now =
        rows(jdbc.sql(Prefetched.sql(CaskrTable.CUSTOMERS)).params(companies, objects, ids), false);
    Set<List<Object>> before =
        rows(
            jdbc.sql(BEFORE)
                .params(TENANT, "Account", ids, TENANT, TENANT, "Account", TENANT, "Account"),
            true);
    assertThat(now).hasSize(285).isEqualTo(before);
    assertThat(now).allMatch(row -> row.get(0).equals(TENANT));
    assertThat(now)
        .filteredOn(row -> row.get(2).equals(id(140)))
        .singleElement()
        .satisfies(row -> assertThat(row.subList(5, 7)).containsExactly(null, false));
    assertThat(now)
        .filteredOn(row -> row.get(6).equals(true))
        .singleElement()
        .satisfies(row -> assertThat(row.get(2)).isEqualTo(id(210)));
    assertThat(now)
        .filteredOn(row -> row.get(2).equals(id(70)))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.get(5))
                    .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                    .containsEntry("name", "Customer 70")
                    .containsEntry("salesforce_account_id", id(70))
                    .containsEntry("is_active", true)
                    .containsEntry("billing_country", "USA")
                    .containsEntry("assigned_user_id", null));
  }

  private static void pairs(DataSource dataSource, long company, int count) throws SQLException {
    Sql.update(
        dataSource,
        "INSERT INTO caskr.customers (company_id, name, salesforce_account_id)"
            + " SELECT ?, 'Customer ' || i, '001' || lpad(i::text, 15, '0')"
            + " FROM generate_series(1, ?) i",
        company,
        count);
    Sql.update(
        dataSource,
        "INSERT INTO mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
            + " salesforce_id, caskr_entity, caskr_id, last_synced_fields)"
            + " SELECT company_id, ?, 'Account', salesforce_account_id, 'customer', id,"
            + " jsonb_build_object('name', name) FROM caskr.customers WHERE company_id = ?",
        ORG,
        company);
  }

  private static String id(int n) {
    return "001" + "%015d".formatted(n);
  }

  private static List<JsonNode> scans(JsonNode plan, String relation) {
    List<JsonNode> found = new ArrayList<>();
    collect(plan.get(0).get("Plan"), relation, found);
    return found;
  }

  private static void collect(JsonNode node, String relation, List<JsonNode> found) {
    if (relation.equals(node.path("Relation Name").asString(""))) {
      found.add(node);
    }
    for (JsonNode child : node.path("Plans")) {
      collect(child, relation, found);
    }
  }

  /**
   * The rows of the statement: the pair's columns, the row's values (read as the appliers read
   * them; before the sixth pass, Jackson's reading of {@code to_jsonb} restricted to the same
   * columns) and whether the row is disputed.
   */
  private static Set<List<Object>> rows(JdbcClient.StatementSpec statement, boolean json) {
    Set<List<Object>> rows = new HashSet<>();
    statement.query(
        rs -> {
          Map<String, Object> values = null;
          rs.getLong("row_id");
          if (!rs.wasNull()) {
            values = new TreeMap<>();
            if (json) {
              Map<String, Object> all =
                  EventJson.mapper().readValue(rs.getString("row_json"), OBJECT);
              for (String column : CaskrTable.CUSTOMERS.readColumns().keySet()) {
                values.put(column, all.get(column));
              }
            } else {
              values.putAll(CaskrRows.values(rs, CaskrTable.CUSTOMERS));
            }
          }
          rows.add(
              Arrays.asList(
                  rs.getLong("company_id"),
                  rs.getLong("id"),
                  rs.getString("salesforce_id"),
                  rs.getLong("caskr_id"),
                  rs.getString("snapshot"),
                  values,
                  rs.getBoolean("disputed")));
        });
    return rows;
  }
}
