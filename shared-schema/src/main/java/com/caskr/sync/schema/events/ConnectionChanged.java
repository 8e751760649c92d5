package com.caskr.sync.schema.events;

import com.caskr.sync.schema.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's Salesforce connection changed state ({@code auth.connection.changed.v1}, compacted:
 * the latest event per company is its current state). Carries no credentials, ever: services ask
 * auth-service's token API for those.
 *
 * @param previousState null for a company's first connection
 * @param instanceUrl the org's API base URL, e.g. https://copperstill.my.salesforce.com
 * @param reason why the state changed (e.g. "refresh token revoked"), null if there is nothing to
 *     say; must never contain a token
 */
public record ConnectionChanged(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    ConnectionState state,
    ConnectionState previousState,
    SalesforceEnvironment environment,
    URI instanceUrl,
    String reason,
    Instant occurredAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  private static final String TYPE = "ConnectionChanged";

  public ConnectionChanged {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "state", state);
    Checks.required(TYPE, "environment", environment);
    Checks.required(TYPE, "instanceUrl", instanceUrl);
    // http is allowed for salesforce-emulator on localhost.
    if (!instanceUrl.isAbsolute()
        || !("https".equals(instanceUrl.getScheme()) || "http".equals(instanceUrl.getScheme()))
        || instanceUrl.getHost() == null
        || instanceUrl.getRawUserInfo() != null
        || instanceUrl.getRawQuery() != null) {
      throw Checks.invalid(TYPE, "instanceUrl", "must be an http(s) URL without credentials");
    }
    Checks.optionalText(TYPE, "reason", reason);
  }

  /** {@code <companyId>}. */
  @Override
  public String kafkaKey() {
    return Long.toString(tenant.companyId());
  }
}
