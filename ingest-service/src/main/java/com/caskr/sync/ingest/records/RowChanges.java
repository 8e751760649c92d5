package com.caskr.sync.ingest.records;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Envelopes for records read by query (polling, reconciliation, resync): the whole record is known,
 * so {@code changedFields} stays empty ("treat all as changed") and {@code sourceVersion} is the
 * row's SystemModstamp. A row in the recycle bin becomes a DELETE carrying only its Id.
 */
public final class RowChanges {

  private final ChangeEnvelopes envelopes;

  public RowChanges(ChangeEnvelopes envelopes) {
    this.envelopes = envelopes;
  }

  /**
   * @param lineItems an opportunity's current lines (null: none read); ignored for other entities
   */
  public SalesforceRecordChanged of(
      Tenant tenant,
      SalesforceEntity entity,
      SalesforceRow row,
      List<Map<String, Object>> lineItems,
      ChangeSource source,
      String traceId) {
    var change =
        envelopes.change(tenant, entity, row.id(), source, row.systemModstamp()).traceId(traceId);
    if (row.deleted()) {
      change.changeType(ChangeType.DELETE).fields(Map.of("Id", row.id().value()));
    } else {
      change.fields(row.fields());
    }
    if (entity == SalesforceEntity.OPPORTUNITY) {
      change.lineItems(row.deleted() || lineItems == null ? List.of() : lineItems);
    }
    return change.build();
  }

  /**
   * A record Salesforce no longer has at all (hard-deleted: not even in the recycle bin), noticed
   * by reconciliation at {@code noticedAt}, its sourceVersion.
   */
  public SalesforceRecordChanged hardDeleted(
      Tenant tenant,
      SalesforceEntity entity,
      SalesforceId recordId,
      Instant noticedAt,
      String traceId) {
    var change =
        envelopes
            .change(tenant, entity, recordId, ChangeSource.RECONCILE, noticedAt)
            .changeType(ChangeType.DELETE)
            .fields(Map.of("Id", recordId.value()))
            .traceId(traceId);
    if (entity == SalesforceEntity.OPPORTUNITY) {
      change.lineItems(List.of());
    }
    return change.build();
  }
}
