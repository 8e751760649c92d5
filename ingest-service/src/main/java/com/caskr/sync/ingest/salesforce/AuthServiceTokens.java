package com.caskr.sync.ingest.salesforce;

import com.caskr.sync.authclient.ConnectionToken;
import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.schema.SalesforceId;
import java.util.Objects;

/**
 * {@link OrgTokens} from auth-service's internal token API through auth-client's {@link
 * ConnectionTokenClient}. Its typed failures ({@code TokenApiFailure}) reach the caller unchanged.
 */
public final class AuthServiceTokens implements OrgTokens {

  private final ConnectionTokenClient client;

  public AuthServiceTokens(ConnectionTokenClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public OrgToken current(long companyId) {
    return convert(client.token(companyId));
  }

  @Override
  public OrgToken refresh(long companyId, OrgToken rejected) {
    return convert(client.refreshAfterRejection(companyId, rejected.issuedAt()));
  }

  private static OrgToken convert(ConnectionToken token) {
    return new OrgToken(
        token.accessToken(), token.instanceUrl(), SalesforceId.of(token.orgId()), token.issuedAt());
  }
}
