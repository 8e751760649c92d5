package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * mapping-service wrote a Caskr order from an Opportunity ({@code caskr.order.synced.v1}). The
 * topic is compacted: the latest event per order is its current synced state.
 *
 * @param salesforceId the record the order was synced from
 * @param sourceEventId the {@link SalesforceRecordChanged#eventId()} that caused the write
 */
public record OrderSynced(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    Order order,
    SalesforceId salesforceId,
    SyncOutcome outcome,
    UUID sourceEventId,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "OrderSynced";

  public OrderSynced {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "order", order);
    Checks.required(TYPE, "salesforceId", salesforceId);
    Checks.keyPrefix(TYPE, "salesforceId", salesforceId, SalesforceEntity.OPPORTUNITY.keyPrefix());
    Checks.sameSalesforceId(
        TYPE, "order.salesforceOpportunityId", order.salesforceOpportunityId(), salesforceId);
    Checks.required(TYPE, "outcome", outcome);
    Checks.required(TYPE, "sourceEventId", sourceEventId);
  }

  /** {@code <companyId>/<orderId>}. */
  @Override
  public String kafkaKey() {
    return tenant.companyId() + "/" + order.id();
  }
}
