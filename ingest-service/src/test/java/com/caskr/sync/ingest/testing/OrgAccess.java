package com.caskr.sync.ingest.testing;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.salesforce.oauth.JwtBearerTokenSource;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;

/** An emulator org and its administrator's JWT bearer sessions. */
public record OrgAccess(Org org, JwtBearerTokenSource sessions, Emulator emulator) {

  public SalesforceId orgId() {
    return SalesforceId.of(org.id());
  }

  public Tenant tenant(long companyId) {
    return new Tenant(companyId, orgId());
  }
}
