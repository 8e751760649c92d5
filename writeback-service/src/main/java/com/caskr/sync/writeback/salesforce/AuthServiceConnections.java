package com.caskr.sync.writeback.salesforce;

import com.caskr.sync.authclient.ConnectionToken;
import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.TokenApiFailure;
import com.caskr.sync.salesforce.oauth.Session;
import com.caskr.sync.salesforce.oauth.TokenSource;
import com.caskr.sync.writeback.plan.CallFailed;

/**
 * Sessions from auth-service's internal token API (ADR 0010): the token is cached until Salesforce
 * refuses it, then auth-service is asked once for a replacement of exactly that token, so many
 * writers refused at once share one refresh there.
 */
final class AuthServiceConnections implements Connections {

  private final ConnectionTokenClient client;

  AuthServiceConnections(ConnectionTokenClient client) {
    this.client = client;
  }

  @Override
  public Connection connect(long companyId) {
    ConnectionToken first = fetch(() -> client.token(companyId));
    return new Connection(first.orgId(), new CompanyTokens(companyId, first));
  }

  private ConnectionToken fetch(java.util.function.Supplier<ConnectionToken> call) {
    try {
      return call.get();
    } catch (TokenApiFailure failure) {
      throw new CallFailed(
          failure instanceof TokenApiFailure.Unavailable
              ? CallFailed.Reason.UNAVAILABLE
              : CallFailed.Reason.NOT_AUTHORISED,
          "auth-service gave no token: " + failure.getClass().getSimpleName(),
          failure);
    }
  }

  private final class CompanyTokens implements TokenSource {

    private final long companyId;
    private ConnectionToken current;

    CompanyTokens(long companyId, ConnectionToken first) {
      this.companyId = companyId;
      this.current = first;
    }

    @Override
    public synchronized Session session() {
      return session(current);
    }

    @Override
    public synchronized Session refresh(Session rejected) {
      if (!rejected.accessToken().equals(current.accessToken())) {
        return session(current);
      }
      ConnectionToken refused = current;
      current = fetch(() -> client.refreshAfterRejection(companyId, refused.issuedAt()));
      return session(current);
    }

    private static Session session(ConnectionToken token) {
      return new Session(token.accessToken(), token.instanceUrl());
    }
  }
}
