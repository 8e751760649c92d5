package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * mapping-service wrote a Caskr portal user from a Contact ({@code caskr.portal-user.synced.v1}).
 * The topic is compacted: the latest event per portal user is its current synced state.
 *
 * @param salesforceId the record the portal user was synced from
 * @param sourceEventId the {@link SalesforceRecordChanged#eventId()} that caused the write
 */
public record PortalUserSynced(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    PortalUser portalUser,
    SalesforceId salesforceId,
    SyncOutcome outcome,
    UUID sourceEventId,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "PortalUserSynced";

  public PortalUserSynced {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "portalUser", portalUser);
    Checks.required(TYPE, "salesforceId", salesforceId);
    Checks.keyPrefix(TYPE, "salesforceId", salesforceId, SalesforceEntity.CONTACT.keyPrefix());
    Checks.sameSalesforceId(
        TYPE, "portalUser.salesforceContactId", portalUser.salesforceContactId(), salesforceId);
    Checks.required(TYPE, "outcome", outcome);
    Checks.required(TYPE, "sourceEventId", sourceEventId);
  }

  /** {@code <companyId>/<portalUserId>}. */
  @Override
  public String kafkaKey() {
    return tenant.companyId() + "/" + portalUser.id();
  }
}
