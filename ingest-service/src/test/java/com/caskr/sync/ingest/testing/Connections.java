package com.caskr.sync.ingest.testing;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** auth-service's connection events, as ingest tests need them. */
public final class Connections {

  private Connections() {}

  public static ConnectionChanged changed(
      long companyId, SalesforceId orgId, ConnectionState state) {
    return changed(companyId, orgId, state, URI.create("https://copperstill.my.salesforce.com"));
  }

  public static ConnectionChanged changed(
      long companyId, SalesforceId orgId, ConnectionState state, URI instanceUrl) {
    return new ConnectionChanged(
        UUID.randomUUID(),
        ConnectionChanged.SCHEMA_VERSION,
        new Tenant(companyId, orgId),
        state,
        null,
        SalesforceEnvironment.PRODUCTION,
        instanceUrl,
        null,
        Instant.now(),
        "trace-" + UUID.randomUUID());
  }
}
