package com.caskr.sync.mapping.testing;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.json.EventJson;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Caskr rows and record pairs for tests, written straight into the tables. */
public final class CaskrFixtures {

  public static final SalesforceId ORG = SalesforceId.of("00D5e000000CsKqEAK");

  private final JdbcClient jdbc;

  public CaskrFixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long company(String name) {
    return jdbc.sql("insert into caskr.company (name) values (:name) returning id")
        .param("name", name)
        .query(Long.class)
        .single();
  }

  public long customer(long company, String name, String phone) {
    return jdbc.sql(
            "insert into caskr.customers (company_id, name, phone) values (:c, :name, :phone)"
                + " returning id")
        .param("c", company)
        .param("name", name)
        .param("phone", phone)
        .query(Long.class)
        .single();
  }

  public long order(long company, long customer, String number, BigDecimal total) {
    return jdbc.sql(
            "insert into caskr.orders (company_id, customer_id, order_number, status,"
                + " total_amount) values (:c, :customer, :number, 'Confirmed', :total)"
                + " returning id")
        .param("c", company)
        .param("customer", customer)
        .param("number", number)
        .param("total", total)
        .query(Long.class)
        .single();
  }

  /** A record pair with its snapshot, as mapping-service leaves it after a sync. */
  public void pair(
      long company,
      String salesforceObject,
      SalesforceId salesforceId,
      String caskrEntity,
      long caskrId,
      Map<String, Object> snapshot) {
    jdbc.sql(
            """
            insert into mapping.crm_entity_mappings
                (company_id, org_id, salesforce_object, salesforce_id, caskr_entity, caskr_id,
                 last_synced_fields, last_synced_at)
            values (:c, :org, :object, :sfId, :entity, :caskrId, cast(:snapshot as jsonb), now())
            """)
        .param("c", company)
        .param("org", ORG.value())
        .param("object", salesforceObject)
        .param("sfId", salesforceId.value())
        .param("entity", caskrEntity)
        .param("caskrId", caskrId)
        .param("snapshot", EventJson.mapper().writeValueAsString(snapshot))
        .update();
  }

  public Object column(String table, String column, long id) {
    return jdbc.sql("select " + column + " from caskr." + table + " where id = :id")
        .param("id", id)
        .query((rs, row) -> rs.getObject(1))
        .single();
  }
}
