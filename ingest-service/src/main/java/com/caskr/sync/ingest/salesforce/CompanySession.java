package com.caskr.sync.ingest.salesforce;

import com.caskr.sync.salesforce.oauth.Session;
import com.caskr.sync.salesforce.oauth.TokenSource;
import com.caskr.sync.salesforce.pubsub.CredentialsSource;
import com.caskr.sync.salesforce.pubsub.PubSubCredentials;

/**
 * One company's token, shared by its REST, Bulk and Pub/Sub clients. A 401 (or a Pub/Sub
 * authentication error) asks {@link OrgTokens} for a replacement once per rejected token, however
 * many clients saw it rejected.
 */
final class CompanySession implements TokenSource, CredentialsSource {

  private final long companyId;
  private final OrgTokens tokens;
  private OrgToken token;

  CompanySession(long companyId, OrgTokens tokens) {
    this.companyId = companyId;
    this.tokens = tokens;
  }

  synchronized OrgToken token() {
    if (token == null) {
      token = tokens.current(companyId);
    }
    return token;
  }

  @Override
  public Session session() {
    return session(token());
  }

  @Override
  public Session refresh(Session rejected) {
    return session(replace(rejected.accessToken()));
  }

  @Override
  public PubSubCredentials current() {
    return credentials(token());
  }

  @Override
  public PubSubCredentials refresh() {
    return credentials(replace(token().accessToken()));
  }

  private synchronized OrgToken replace(String rejectedAccessToken) {
    OrgToken held = token();
    if (!held.accessToken().equals(rejectedAccessToken)) {
      // Someone already replaced the rejected token.
      return held;
    }
    token = tokens.refresh(companyId, held);
    return token;
  }

  private static Session session(OrgToken token) {
    return new Session(token.accessToken(), token.instanceUrl());
  }

  private static PubSubCredentials credentials(OrgToken token) {
    return new PubSubCredentials(
        token.accessToken(), token.instanceUrl().toString(), token.orgId().value());
  }
}
