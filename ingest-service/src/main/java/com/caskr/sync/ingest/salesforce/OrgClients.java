package com.caskr.sync.ingest.salesforce;

import com.caskr.sync.salesforce.bulk.BulkQueryClient;
import com.caskr.sync.salesforce.pubsub.Endpoint;
import com.caskr.sync.salesforce.rest.SalesforceConnection;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per connected org, the REST, Bulk and Pub/Sub clients, built once and kept until {@link #forget}.
 * Tokens come from {@link OrgTokens}; a 401 refreshes through it once per rejected token. A token
 * that belongs to another org than the tenant asked for is refused (ARCHITECTURE.md §5.7).
 */
public final class OrgClients {

  private final HttpClient http;
  private final OrgTokens tokens;
  private final Endpoint pubSubEndpoint;
  private final Map<Tenant, Held> clients = new ConcurrentHashMap<>();

  public OrgClients(HttpClient http, OrgTokens tokens, Endpoint pubSubEndpoint) {
    this.http = Objects.requireNonNull(http, "http");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.pubSubEndpoint = Objects.requireNonNull(pubSubEndpoint, "pubSubEndpoint");
  }

  /**
   * The clients of {@code tenant}'s org. Fetches the company's token on first use and throws {@link
   * WrongOrg} if it belongs to another org (the company reconnected to a different org).
   */
  public OrgClient forOrg(Tenant tenant) {
    SalesforceId expected = tenant.requireOrgId("OrgClients");
    Held held = clients.computeIfAbsent(tenant, this::create);
    SalesforceId actual = held.session().token().orgId();
    if (!actual.equals(expected)) {
      clients.remove(tenant, held);
      throw new WrongOrg(tenant, actual);
    }
    return held.client();
  }

  /** Drops the clients of a tenant (disconnected, or leadership lost). */
  public void forget(Tenant tenant) {
    clients.remove(tenant);
  }

  private Held create(Tenant tenant) {
    var session = new CompanySession(tenant.companyId(), tokens);
    var connection = SalesforceConnection.create(http, session);
    return new Held(
        session,
        new OrgClient(
            tenant,
            new SalesforceRestClient(connection),
            new BulkQueryClient(connection),
            pubSubEndpoint,
            session));
  }

  private record Held(CompanySession session, OrgClient client) {}

  /** The company's token is for another org than the one the caller works on. */
  public static final class WrongOrg extends IllegalStateException {
    WrongOrg(Tenant tenant, SalesforceId actual) {
      super(
          "company "
              + tenant.companyId()
              + " expected org "
              + tenant.orgId()
              + " but its token is for org "
              + actual);
    }
  }
}
