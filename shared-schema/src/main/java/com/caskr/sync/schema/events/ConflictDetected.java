package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * Both sides changed the same mapped field since the last sync ({@code sync.conflict.detected.v1}).
 * Values are JSON values (null, string, boolean, number, list, map).
 *
 * @param salesforceObject sObject API name, e.g. Account or OpportunityLineItem
 * @param field the Caskr column
 * @param salesforceField the Salesforce API field name
 * @param baseValue the value both sides last agreed on; null when unknown or empty
 * @param critical a critical field (customer name, order total, portal-user email): it always goes
 *     to manual review, whatever the strategy
 */
public record ConflictDetected(
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
    Object baseValue,
    Object salesforceValue,
    Object caskrValue,
    Instant salesforceModifiedAt,
    Instant caskrModifiedAt,
    ConflictStrategy strategy,
    boolean critical,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "ConflictDetected";

  public ConflictDetected {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "conflictId", conflictId);
    Checks.required(TYPE, "entity", entity);
    Checks.positive(TYPE, "caskrId", caskrId);
    Checks.salesforceField(TYPE, "salesforceObject", salesforceObject);
    Checks.required(TYPE, "salesforceId", salesforceId);
    Checks.caskrColumn(TYPE, "field", field);
    Checks.salesforceField(TYPE, "salesforceField", salesforceField);
    baseValue = JsonValues.value(TYPE, "baseValue", baseValue);
    salesforceValue = JsonValues.value(TYPE, "salesforceValue", salesforceValue);
    caskrValue = JsonValues.value(TYPE, "caskrValue", caskrValue);
    Checks.required(TYPE, "salesforceModifiedAt", salesforceModifiedAt);
    Checks.required(TYPE, "caskrModifiedAt", caskrModifiedAt);
    Checks.required(TYPE, "strategy", strategy);
  }

  /** {@code <companyId>/<conflictId>}. */
  @Override
  public String kafkaKey() {
    return tenant.companyId() + "/" + conflictId;
  }
}
