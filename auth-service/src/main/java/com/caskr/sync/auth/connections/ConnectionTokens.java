package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.auth.vault.SecretSlot;
import com.caskr.sync.auth.vault.TokenVault;
import com.caskr.sync.schema.events.ConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out a company's access token, refreshing it when it is about to expire or after a caller
 * saw it rejected. Salesforce returns no expiry, so a token is taken to live for the org's session
 * timeout from its {@code issued_at}, less a skew.
 *
 * <p>Refreshes are single-flight: concurrent callers for one company share one refresh in this
 * instance, and {@link ConnectionStore#exclusively} keeps other instances out, so a rotating
 * refresh token is used once. The refreshed tokens (a rotated refresh token included) are stored
 * before anyone is handed the new access token.
 */
public final class ConnectionTokens {

  /** A pause between retries; tests pass one that does not wait. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final int ATTEMPTS = 3;
  static final Duration FIRST_RETRY = Duration.ofMillis(200);

  private final ConnectionStore store;
  private final TokenGrants grants;
  private final TokenVault vault;
  private final RefreshObserver observer;
  private final Clock clock;
  private final Pause pause;
  private final Duration usableFor;
  private final Map<Long, CompletableFuture<AccessGrant>> refreshing = new ConcurrentHashMap<>();

  /**
   * @param sessionTimeout the org's session timeout (Salesforce's default is 2 hours)
   * @param skew how long before that a token is refreshed anyway
   */
  public ConnectionTokens(
      ConnectionStore store,
      TokenGrants grants,
      TokenVault vault,
      RefreshObserver observer,
      Clock clock,
      Pause pause,
      Duration sessionTimeout,
      Duration skew) {
    this.store = store;
    this.grants = grants;
    this.vault = vault;
    this.observer = observer;
    this.clock = clock;
    this.pause = pause;
    if (skew.isNegative() || sessionTimeout.compareTo(skew) <= 0) {
      throw new IllegalArgumentException("the session timeout must be longer than the skew");
    }
    this.usableFor = sessionTimeout.minus(skew);
  }

  /** A usable access token for the company, refreshed first if it is about to expire. */
  public AccessGrant current(long companyId) {
    Connection connection = liveAndConnected(companyId);
    if (fresh(connection)) {
      return grantOf(connection);
    }
    return refresh(companyId, null);
  }

  /**
   * A token to replace one Salesforce rejected with 401. If the stored token was issued after
   * {@code rejectedIssuedAt}, someone already refreshed and that token is returned as it is.
   */
  public AccessGrant afterRejection(long companyId, Instant rejectedIssuedAt) {
    Connection connection = liveAndConnected(companyId);
    if (connection.tokenIssuedAt().isAfter(rejectedIssuedAt)) {
      return grantOf(connection);
    }
    return refresh(companyId, rejectedIssuedAt);
  }

  private AccessGrant refresh(long companyId, Instant rejectedIssuedAt) {
    CompletableFuture<AccessGrant> mine = new CompletableFuture<>();
    CompletableFuture<AccessGrant> running = refreshing.putIfAbsent(companyId, mine);
    if (running != null) {
      return await(running);
    }
    try {
      AccessGrant grant =
          store.exclusively(companyId, () -> refreshUnderLock(companyId, rejectedIssuedAt));
      mine.complete(grant);
      return grant;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      refreshing.remove(companyId, mine);
    }
  }

  private AccessGrant refreshUnderLock(long companyId, Instant rejectedIssuedAt) {
    // Another instance may have refreshed while this one waited for the lock.
    Connection connection = liveAndConnected(companyId);
    boolean stillNeeded =
        rejectedIssuedAt == null
            ? !fresh(connection)
            : !connection.tokenIssuedAt().isAfter(rejectedIssuedAt);
    if (!stillNeeded) {
      return grantOf(connection);
    }
    RefreshedSession session;
    try {
      session = grantWithRetries(connection);
    } catch (TokenGrants.GrantRevoked revoked) {
      store.changeState(
          connection, ConnectionState.NEEDS_RECONNECT, revoked.getMessage(), clock.instant());
      observer.refreshed(companyId, RefreshObserver.Outcome.REVOKED, revoked.getMessage());
      throw new TokenUnavailable.NeedsReconnect(companyId);
    } catch (TokenGrants.GrantUnavailable unavailable) {
      store.recordRefreshFailure(connection, unavailable.getMessage(), clock.instant());
      observer.refreshed(companyId, RefreshObserver.Outcome.FAILED, unavailable.getMessage());
      throw new TokenUnavailable.RefreshFailed(companyId, unavailable.getMessage());
    }
    SealedSecret access = vault.seal(session.accessToken(), SecretSlot.accessToken(companyId));
    SealedSecret refresh =
        session.refreshToken() == null
            ? null
            : vault.seal(session.refreshToken(), SecretSlot.refreshToken(companyId));
    if (!store.saveRefreshed(
        connection, access, refresh, session.instanceUrl(), session.issuedAt(), clock.instant())) {
      // Only this instance refreshes under the lock, so the row cannot have moved on.
      throw new IllegalStateException(
          "company " + companyId + "'s connection changed during a locked refresh");
    }
    observer.refreshed(companyId, RefreshObserver.Outcome.REFRESHED, null);
    return new AccessGrant(
        session.accessToken(), session.instanceUrl(), connection.orgId(), session.issuedAt());
  }

  private RefreshedSession grantWithRetries(Connection connection)
      throws TokenGrants.GrantRevoked, TokenGrants.GrantUnavailable {
    Duration delay = FIRST_RETRY;
    for (int attempt = 1; ; attempt++) {
      try {
        return switch (connection.flow()) {
          case WEB_SERVER -> grants.refresh(connection, refreshTokenOf(connection));
          case JWT_BEARER -> grants.jwtBearer(connection);
        };
      } catch (TokenGrants.GrantUnavailable unavailable) {
        if (attempt == ATTEMPTS) {
          throw unavailable;
        }
        try {
          pause.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw unavailable;
        }
        delay = delay.multipliedBy(2);
      }
    }
  }

  private Secret refreshTokenOf(Connection connection) throws TokenGrants.GrantRevoked {
    if (connection.refreshToken() == null) {
      throw new TokenGrants.GrantRevoked("the connection holds no refresh token");
    }
    return vault.open(connection.refreshToken(), SecretSlot.refreshToken(connection.companyId()));
  }

  private Connection liveAndConnected(long companyId) {
    Connection connection =
        store.live(companyId).orElseThrow(() -> new TokenUnavailable.NotConnected(companyId));
    return switch (connection.state()) {
      case CONNECTED -> connection;
      case NEEDS_RECONNECT -> throw new TokenUnavailable.NeedsReconnect(companyId);
      case DISCONNECTED -> throw new TokenUnavailable.NotConnected(companyId);
    };
  }

  private boolean fresh(Connection connection) {
    return clock.instant().isBefore(connection.tokenIssuedAt().plus(usableFor));
  }

  private AccessGrant grantOf(Connection connection) {
    return new AccessGrant(
        vault.open(connection.accessToken(), SecretSlot.accessToken(connection.companyId())),
        connection.instanceUrl(),
        connection.orgId(),
        connection.tokenIssuedAt());
  }

  private static AccessGrant await(CompletableFuture<AccessGrant> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
