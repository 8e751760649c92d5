package com.caskr.sync.writeback.salesforce;

import com.caskr.sync.salesforce.rest.SalesforceConnection;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.writeback.plan.SalesforceOrg;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/** One {@link OrgClient} per company, made on first use from {@link Connections}. */
final class SalesforceOrgs implements LongFunction<SalesforceOrg> {

  private final Connections connections;
  private final HttpClient http;
  private final Map<Long, SalesforceOrg> byCompany = new ConcurrentHashMap<>();

  SalesforceOrgs(Connections connections, HttpClient http) {
    this.connections = connections;
    this.http = http;
  }

  @Override
  public SalesforceOrg apply(long companyId) {
    SalesforceOrg known = byCompany.get(companyId);
    if (known != null) {
      return known;
    }
    Connections.Connection connection = connections.connect(companyId);
    SalesforceOrg org =
        new OrgClient(
            connection.orgId(),
            new SalesforceRestClient(SalesforceConnection.create(http, connection.tokens())));
    SalesforceOrg raced = byCompany.putIfAbsent(companyId, org);
    return raced == null ? org : raced;
  }
}
