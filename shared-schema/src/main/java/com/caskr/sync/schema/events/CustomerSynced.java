package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * mapping-service wrote a Caskr customer from an Account ({@code caskr.customer.synced.v1}). The
 * topic is compacted: the latest event per customer is its current synced state.
 *
 * @param salesforceId the record the customer was synced from
 * @param sourceEventId the {@link SalesforceRecordChanged#eventId()} that caused the write
 */
public record CustomerSynced(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    Customer customer,
    SalesforceId salesforceId,
    SyncOutcome outcome,
    UUID sourceEventId,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "CustomerSynced";

  public CustomerSynced {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "customer", customer);
    Checks.required(TYPE, "salesforceId", salesforceId);
    Checks.keyPrefix(TYPE, "salesforceId", salesforceId, SalesforceEntity.ACCOUNT.keyPrefix());
    Checks.sameSalesforceId(
        TYPE, "customer.salesforceAccountId", customer.salesforceAccountId(), salesforceId);
    Checks.required(TYPE, "outcome", outcome);
    Checks.required(TYPE, "sourceEventId", sourceEventId);
  }

  /** {@code <companyId>/<customerId>}. */
  @Override
  public String kafkaKey() {
    return tenant.companyId() + "/" + customer.id();
  }
}
