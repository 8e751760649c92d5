package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.ingest.syncstate.MappingSchema;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the record pairs mapping-service holds for one org and object ({@code crm_entity_mappings},
 * read-only, ADR 0017), three columns only.
 */
final class MappedRecords {

  private final JdbcClient jdbc;
  private final MappingSchema schema;

  MappedRecords(JdbcClient jdbc, MappingSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  List<MappedRecord> of(Tenant tenant, SalesforceEntity entity) {
    return jdbc.sql(
            "select salesforce_id, salesforce_modified_at, sync_status from "
                + schema.table("crm_entity_mappings")
                + " where company_id = ? and org_id = ? and salesforce_object = ?")
        .params(tenant.companyId(), tenant.orgId().value(), entity.apiName())
        .query(
            (row, n) -> {
              Timestamp modified = row.getTimestamp(2);
              return new MappedRecord(
                  SalesforceId.of(row.getString(1)),
                  modified == null ? null : modified.toInstant(),
                  "DELETED".equals(row.getString(3)));
            })
        .list();
  }
}
