package com.caskr.sync.emulator.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every access and refresh token the emulator issued. Thread-safe. Expiry is the app's session
 * timeout from issue; revocation is immediate. The {@code expireNow}/{@code revoke} methods are
 * also the fault-injection hooks.
 */
public final class Tokens implements Sessions {

  /** A live access token. {@code grant} ties it to the refresh-token lineage it came from. */
  public record AccessToken(
      String token,
      String orgId,
      String userId,
      String clientId,
      Set<String> scopes,
      Instant issuedAt,
      Instant expiresAt,
      String grant) {}

  /** A live refresh token; rotation replaces it with another of the same grant. */
  public record RefreshToken(
      String token,
      String orgId,
      String userId,
      String clientId,
      Set<String> scopes,
      LoginEnvironment environment,
      Instant issuedAt,
      String grant) {}

  private final Clock clock;
  private final Map<String, AccessToken> access = new ConcurrentHashMap<>();
  private final Map<String, RefreshToken> refresh = new ConcurrentHashMap<>();

  public Tokens(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<Session> authenticate(String accessToken) {
    return liveAccessToken(accessToken)
        .map(t -> new Session(t.orgId(), t.userId(), t.scopes(), t.expiresAt()));
  }

  public Optional<AccessToken> liveAccessToken(String token) {
    if (token == null) {
      return Optional.empty();
    }
    AccessToken found = access.get(token);
    if (found == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(found.expiresAt())) {
      access.remove(token, found);
      return Optional.empty();
    }
    return Optional.of(found);
  }

  public Optional<RefreshToken> liveRefreshToken(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(refresh.get(token));
  }

  /**
   * A session minted directly, as if the user had logged in through the app: for tests and the
   * admin API that need a real token without walking a flow. Expires after the app's timeout.
   */
  public AccessToken issue(ConnectedApp app, String userId, Set<String> scopes) {
    return issueAccess(app, userId, scopes, java.util.UUID.randomUUID().toString());
  }

  AccessToken issueAccess(ConnectedApp app, String userId, Set<String> scopes, String grant) {
    Instant now = clock.instant();
    String token = app.orgId().substring(0, 15) + "!" + ConnectedApps.token(96);
    var issued =
        new AccessToken(
            token,
            app.orgId(),
            userId,
            app.clientId(),
            Set.copyOf(scopes),
            now,
            now.plus(app.sessionTimeout()),
            grant);
    access.put(token, issued);
    return issued;
  }

  RefreshToken issueRefresh(
      ConnectedApp app, String userId, Set<String> scopes, LoginEnvironment env, String grant) {
    var issued =
        new RefreshToken(
            "5Aep861" + ConnectedApps.token(80),
            app.orgId(),
            userId,
            app.clientId(),
            Set.copyOf(scopes),
            env,
            clock.instant(),
            grant);
    refresh.put(issued.token(), issued);
    return issued;
  }

  /** Atomically replaces a refresh token (rotation): false if it was already gone. */
  boolean retire(RefreshToken old) {
    return refresh.remove(old.token(), old);
  }

  /**
   * Revokes an access token, or a refresh token together with every access token of its grant.
   * False when the token is unknown (or already dead).
   */
  public boolean revoke(String token) {
    if (token == null) {
      return false;
    }
    RefreshToken r = refresh.remove(token);
    if (r != null) {
      access.values().removeIf(a -> r.grant().equals(a.grant()));
      return true;
    }
    return liveAccessToken(token).map(a -> access.remove(token) != null).orElse(false);
  }

  /** Fault hook: the access token is answered as expired from now on. */
  public boolean expireNow(String accessToken) {
    return access.remove(accessToken) != null;
  }

  /** Fault hook: every access token of an org expires now (refresh tokens survive). */
  public void expireAll(String orgId) {
    access.values().removeIf(a -> a.orgId().equals(orgId));
  }

  /**
   * Fault hook: expires (access tokens only) or revokes (refresh tokens with their access tokens)
   * every token of an org, narrowed to a user and/or connected app when those are not null. Returns
   * how many tokens went.
   */
  public int invalidate(String orgId, String userId, String clientId, boolean revokeRefresh) {
    int before = access.size() + refresh.size();
    access
        .values()
        .removeIf(a -> matches(a.orgId(), a.userId(), a.clientId(), orgId, userId, clientId));
    if (revokeRefresh) {
      refresh
          .values()
          .removeIf(r -> matches(r.orgId(), r.userId(), r.clientId(), orgId, userId, clientId));
    }
    return before - access.size() - refresh.size();
  }

  /** The org a live access or refresh token belongs to, if it is known. */
  public Optional<String> orgOf(String token) {
    if (token == null) {
      return Optional.empty();
    }
    return liveAccessToken(token)
        .map(AccessToken::orgId)
        .or(() -> liveRefreshToken(token).map(RefreshToken::orgId));
  }

  private static boolean matches(
      String tokenOrg,
      String tokenUser,
      String tokenClient,
      String orgId,
      String userId,
      String clientId) {
    return tokenOrg.equals(orgId)
        && (userId == null || userId.equals(tokenUser))
        && (clientId == null || clientId.equals(tokenClient));
  }

  Clock clock() {
    return clock;
  }
}
