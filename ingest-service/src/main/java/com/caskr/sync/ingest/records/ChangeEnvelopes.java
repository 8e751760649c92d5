package com.caskr.sync.ingest.records;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Envelopes for records read by query (polling, reconciliation, resync): the whole record is known,
 * so {@code changedFields} is empty ("treat all as changed") and {@code sourceVersion} is the row's
 * SystemModstamp. A row in the recycle bin becomes a DELETE carrying only its Id.
 */
public final class ChangeEnvelopes {

  private ChangeEnvelopes() {}

  /**
   * @param lineItems an opportunity's current lines; ignored for other entities
   */
  public static SalesforceRecordChanged of(
      Tenant tenant,
      SalesforceEntity entity,
      SalesforceRow row,
      List<Map<String, Object>> lineItems,
      ChangeSource source,
      Instant receivedAt,
      String traceId) {
    boolean opportunity = entity == SalesforceEntity.OPPORTUNITY;
    return new SalesforceRecordChanged(
        UUID.randomUUID(),
        SalesforceRecordChanged.SCHEMA_VERSION,
        tenant,
        entity,
        row.id(),
        row.deleted() ? ChangeType.DELETE : ChangeType.UPSERT,
        source,
        row.systemModstamp(),
        List.of(),
        row.deleted() ? Map.of("Id", row.id().value()) : row.fields(),
        opportunity ? (row.deleted() || lineItems == null ? List.of() : lineItems) : null,
        null,
        false,
        row.systemModstamp(),
        receivedAt,
        traceId);
  }

  /**
   * A record Salesforce no longer has at all (hard-deleted: gone from the recycle bin too), seen by
   * reconciliation; its sourceVersion is when the sweep noticed.
   */
  public static SalesforceRecordChanged hardDeleted(
      Tenant tenant,
      SalesforceEntity entity,
      SalesforceId recordId,
      Instant noticedAt,
      String traceId) {
    return new SalesforceRecordChanged(
        UUID.randomUUID(),
        SalesforceRecordChanged.SCHEMA_VERSION,
        tenant,
        entity,
        recordId,
        ChangeType.DELETE,
        ChangeSource.RECONCILE,
        noticedAt,
        List.of(),
        Map.of("Id", recordId.value()),
        entity == SalesforceEntity.OPPORTUNITY ? List.of() : null,
        null,
        false,
        noticedAt,
        noticedAt,
        traceId);
  }
}
