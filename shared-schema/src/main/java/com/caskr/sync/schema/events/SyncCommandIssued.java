package com.caskr.sync.schema.events;

import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked the sync to do something for one tenant ({@code sync.command.v1}).
 *
 * @param requestedBy a user's login, or {@code scheduler}
 */
public record SyncCommandIssued(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    SyncCommand command,
    String requestedBy,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "SyncCommandIssued";

  public SyncCommandIssued {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "command", command);
    Checks.text(TYPE, "requestedBy", requestedBy);
  }

  /** {@code <companyId>/<orgId18>}: commands for one tenant run in the order they were issued. */
  @Override
  public String kafkaKey() {
    return tenant.companyId() + "/" + tenant.orgId().value();
  }
}
