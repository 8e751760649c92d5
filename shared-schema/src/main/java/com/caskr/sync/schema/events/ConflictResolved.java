package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * A conflict was settled, automatically by its strategy or by a reviewer ({@code
 * sync.conflict.resolved.v1}). Same key as the {@link ConflictDetected} it settles, so both land on
 * one partition in order.
 *
 * @param resolvedValue the value now on both sides (a JSON value, null allowed)
 * @param resolvedBy who decided: a reviewer's login, or {@code system} for an automatic strategy
 */
public record ConflictResolved(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    UUID conflictId,
    CaskrEntity entity,
    long caskrId,
    String salesforceObject,
    SalesforceId salesforceId,
    String field,
    String salesforceField,
    ConflictStrategy strategy,
    Resolution resolution,
    Object resolvedValue,
    String resolvedBy,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "ConflictResolved";

  public ConflictResolved {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "conflictId", conflictId);
    Checks.required(TYPE, "entity", entity);
    Checks.positive(TYPE, "caskrId", caskrId);
    Checks.salesforceField(TYPE, "salesforceObject", salesforceObject);
    Checks.required(TYPE, "salesforceId", salesforceId);
    Checks.caskrColumn(TYPE, "field", field);
    Checks.salesforceField(TYPE, "salesforceField", salesforceField);
    Checks.required(TYPE, "strategy", strategy);
    Checks.required(TYPE, "resolution", resolution);
    resolvedValue = JsonValues.value(TYPE, "resolvedValue", resolvedValue);
    Checks.text(TYPE, "resolvedBy", resolvedBy);
  }

  /** {@code <companyId>/<conflictId>}. */
  @Override
  public String kafkaKey() {
    return tenant.companyId() + "/" + conflictId;
  }
}
