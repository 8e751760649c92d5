package com.caskr.sync.ingest.connections;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A company's Salesforce connection as auth-service last announced it. Carries no credentials:
 * tokens come from auth-service's token API.
 *
 * @param since when the connection entered {@code state}
 */
public record ConnectedOrg(
    Tenant tenant,
    ConnectionState state,
    SalesforceEnvironment environment,
    URI instanceUrl,
    Instant since) {

  public ConnectedOrg {
    Objects.requireNonNull(tenant, "tenant");
    tenant.requireOrgId("ConnectedOrg");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(since, "since");
  }

  public long companyId() {
    return tenant.companyId();
  }

  public SalesforceId orgId() {
    return tenant.orgId();
  }

  /**
   * Whether ingest works this org: only a CONNECTED one. NEEDS_RECONNECT (tokens revoked) and
   * DISCONNECTED orgs are not streamed, polled, or accepted on the push channels; Salesforce keeps
   * retrying its pushes, which get through once an admin reconnects.
   */
  public boolean live() {
    return state == ConnectionState.CONNECTED;
  }
}
