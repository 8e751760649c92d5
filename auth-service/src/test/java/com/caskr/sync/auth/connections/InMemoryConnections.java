package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.events.ConnectionState;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The connection store as a map, with the same compare-and-set rules as the table. */
final class InMemoryConnections implements ConnectionStore {

  private final Map<Long, Connection> rows = new HashMap<>();
  private final Map<Long, ReentrantLock> locks = new HashMap<>();
  final List<String> stateChanges = new ArrayList<>();
  final List<String> failures = new ArrayList<>();

  synchronized void put(Connection connection) {
    rows.put(connection.companyId(), connection);
  }

  synchronized Connection get(long companyId) {
    return rows.get(companyId);
  }

  @Override
  public synchronized Optional<Connection> live(long companyId) {
    return Optional.ofNullable(rows.get(companyId))
        .filter(c -> c.state() != ConnectionState.DISCONNECTED);
  }

  @Override
  public <T> T exclusively(long companyId, Supplier<T> work) {
    ReentrantLock lock;
    synchronized (this) {
      lock = locks.computeIfAbsent(companyId, id -> new ReentrantLock());
    }
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public synchronized boolean saveRefreshed(
      Connection before,
      SealedSecret accessToken,
      SealedSecret refreshToken,
      URI instanceUrl,
      Instant issuedAt,
      Instant refreshedAt) {
    Connection now = rows.get(before.companyId());
    if (now == null || now.version() != before.version()) {
      return false;
    }
    rows.put(
        before.companyId(),
        new Connection(
            now.id(),
            now.companyId(),
            now.flow(),
            now.orgId(),
            instanceUrl,
            now.loginHost(),
            now.environment(),
            now.state(),
            accessToken,
            refreshToken == null ? now.refreshToken() : refreshToken,
            issuedAt,
            now.jwt(),
            now.version() + 1));
    return true;
  }

  @Override
  public synchronized boolean changeState(
      Connection before, ConnectionState state, String reason, Instant at) {
    Connection now = rows.get(before.companyId());
    if (now == null || now.version() != before.version()) {
      return false;
    }
    rows.put(
        before.companyId(),
        moved(now, state, now.accessToken(), now.refreshToken(), now.tokenIssuedAt()));
    stateChanges.add(before.companyId() + " " + state + ": " + reason);
    return true;
  }

  @Override
  public synchronized void recordRefreshFailure(Connection connection, String reason, Instant at) {
    failures.add(connection.companyId() + ": " + reason);
  }

  @Override
  public synchronized boolean disconnect(
      Connection before, String actor, boolean revoked, Instant at) {
    Connection now = rows.get(before.companyId());
    if (now == null || now.version() != before.version()) {
      return false;
    }
    rows.put(before.companyId(), moved(now, ConnectionState.DISCONNECTED, null, null, null));
    stateChanges.add(before.companyId() + " DISCONNECTED by " + actor + ", revoked " + revoked);
    return true;
  }

  @Override
  public ConnectResult connect(NewConnection connection) {
    throw new UnsupportedOperationException("the refresh tests never connect");
  }

  /** The row one version on, in {@code state} with these tokens. */
  private static Connection moved(
      Connection now,
      ConnectionState state,
      SealedSecret accessToken,
      SealedSecret refreshToken,
      Instant issuedAt) {
    return new Connection(
        now.id(),
        now.companyId(),
        now.flow(),
        now.orgId(),
        now.instanceUrl(),
        now.loginHost(),
        now.environment(),
        state,
        accessToken,
        refreshToken,
        issuedAt,
        now.jwt(),
        now.version() + 1);
  }
}
