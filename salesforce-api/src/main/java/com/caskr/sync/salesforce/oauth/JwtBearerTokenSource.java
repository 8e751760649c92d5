package com.caskr.sync.salesforce.oauth;

import java.security.PrivateKey;

/**
 * Sessions from the JWT bearer flow: a new assertion whenever the session is rejected (there is no
 * refresh token in this flow). Thread-safe: concurrent 401s mint once.
 */
public final class JwtBearerTokenSource implements TokenSource {

  private final OAuthClient oauth;
  private final String username;
  private final PrivateKey key;
  private Session session;

  public JwtBearerTokenSource(OAuthClient oauth, String username, PrivateKey key) {
    this.oauth = oauth;
    this.username = username;
    this.key = key;
  }

  @Override
  public synchronized Session session() {
    if (session == null) {
      session = oauth.jwtBearer(username, key).session();
    }
    return session;
  }

  @Override
  public synchronized Session refresh(Session rejected) {
    if (session != null && !session.equals(rejected)) {
      return session;
    }
    session = oauth.jwtBearer(username, key).session();
    return session;
  }
}
