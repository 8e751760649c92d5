package com.caskr.sync.ingest.testing;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.salesforce.oauth.JwtBearerTokenSource;
import com.caskr.sync.salesforce.rest.SalesforceConnection;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.net.http.HttpClient;
import java.time.Clock;

/** An emulator org and its administrator's JWT bearer sessions. */
public record OrgAccess(Org org, JwtBearerTokenSource sessions, Emulator emulator) {

  public SalesforceId orgId() {
    return SalesforceId.of(org.id());
  }

  public Tenant tenant(long companyId) {
    return new Tenant(companyId, orgId());
  }

  /**
   * A REST client of the org with the administrator's sessions; its writes name {@code
   * callOptionsClient} (what CDC reports as the change's origin).
   */
  public SalesforceRestClient rest(HttpClient http, String callOptionsClient) {
    return new SalesforceRestClient(
        new SalesforceConnection(
            http,
            sessions,
            SalesforceConnection.DEFAULT_API_VERSION,
            callOptionsClient,
            Clock.systemUTC()));
  }
}
