package com.caskr.sync.schema.events;

import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A Caskr order row was edited on the Caskr side ({@code caskr.order.changed.v1}). */
public record OrderChanged(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    long caskrId,
    CaskrOperation operation,
    List<String> changedFields,
    Map<String, Object> before,
    Map<String, Object> after,
    Long transactionId,
    Instant occurredAt,
    String traceId)
    implements CaskrRowChanged {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "OrderChanged";

  public OrderChanged {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    Checks.positive(TYPE, "caskrId", caskrId);
    changedFields = Checks.caskrColumns(TYPE, "changedFields", changedFields);
    before = Checks.rowImage(TYPE, "before", operation, before);
    after = Checks.rowImage(TYPE, "after", operation, after);
  }

  @Override
  public CaskrEntity entity() {
    return CaskrEntity.ORDER;
  }
}
