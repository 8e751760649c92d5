package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.UUID;

/**
 * The Salesforce record and Caskr row a conflict is about, and the event that revealed it.
 *
 * @param sourceEventId the SalesforceRecordChanged being applied
 * @param traceId carried over to the conflict events
 */
public record RecordPair(
    Tenant tenant,
    SalesforceEntity salesforceObject,
    SalesforceId salesforceId,
    long caskrId,
    UUID sourceEventId,
    String traceId) {

  public RecordPair {
    tenant.requireOrgId("RecordPair");
    if (salesforceObject == null || salesforceId == null || caskrId <= 0 || traceId == null) {
      throw new IllegalArgumentException(
          "salesforceObject, salesforceId, a positive caskrId and traceId are required");
    }
  }

  /** The Caskr entity of the pair. */
  public CaskrEntity caskrEntity() {
    return FieldRule.pairedEntity(salesforceObject);
  }
}
