package com.caskr.sync.salesforce.oauth;

/**
 * Where API clients get their session. Implementations must be thread-safe; auth-service provides
 * the vault-backed one, {@link RefreshTokenSource} and {@link JwtBearerTokenSource} the plain ones.
 */
public interface TokenSource {

  /** The session to use now (may be cached). */
  Session session();

  /**
   * A fresh session after {@code rejected} got a 401. Called at most once per request; if another
   * thread already replaced {@code rejected}, return that replacement instead of refreshing again.
   */
  Session refresh(Session rejected);
}
