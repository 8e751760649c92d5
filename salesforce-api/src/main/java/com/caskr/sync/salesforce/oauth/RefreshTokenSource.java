package com.caskr.sync.salesforce.oauth;

import java.util.function.Consumer;

/**
 * Sessions from a refresh token. A rotated refresh token is handed to {@code saveRefreshToken}
 * before the new session is used, because the old one is already dead (gotcha 2); the new instance
 * URL replaces the old one (gotcha 3). Thread-safe: concurrent 401s refresh once.
 */
public final class RefreshTokenSource implements TokenSource {

  private final OAuthClient oauth;
  private final Consumer<String> saveRefreshToken;
  private String refreshToken;
  private Session session;

  /**
   * @param saveRefreshToken persists a rotated refresh token; must not return before it is durable
   */
  public RefreshTokenSource(
      OAuthClient oauth, String refreshToken, Consumer<String> saveRefreshToken) {
    this.oauth = oauth;
    this.refreshToken = refreshToken;
    this.saveRefreshToken = saveRefreshToken;
  }

  /** Starts from a token response that carried a refresh token (web-server flow). */
  public static RefreshTokenSource from(
      OAuthClient oauth, TokenResponse first, Consumer<String> saveRefreshToken) {
    String refresh =
        first
            .newRefreshToken()
            .orElseThrow(
                () -> new IllegalArgumentException("The grant has no refresh_token scope"));
    var source = new RefreshTokenSource(oauth, refresh, saveRefreshToken);
    source.session = first.session();
    return source;
  }

  @Override
  public synchronized Session session() {
    if (session == null) {
      session = renew();
    }
    return session;
  }

  @Override
  public synchronized Session refresh(Session rejected) {
    if (session != null && !session.equals(rejected)) {
      return session;
    }
    session = renew();
    return session;
  }

  private Session renew() {
    TokenResponse response = oauth.refresh(refreshToken);
    response
        .newRefreshToken()
        .ifPresent(
            rotated -> {
              saveRefreshToken.accept(rotated);
              refreshToken = rotated;
            });
    return response.session();
  }
}
