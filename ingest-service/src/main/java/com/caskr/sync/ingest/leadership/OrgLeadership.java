package com.caskr.sync.ingest.leadership;

import com.caskr.sync.schema.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure exactly one ingest instance works an org at a time: a PostgreSQL session advisory lock
 * per (company, org), {@code pg_try_advisory_lock(hashtextextended('ingest:<company>:<org>', 0))},
 * held on one dedicated connection (never a pooled one, which would hand the locks on).
 *
 * <p>Every {@code checkInterval} one thread checks the connection and tries the locks of the orgs
 * this instance wants but does not lead. When the holder dies (crash, kill -9, lost network) its
 * session ends, PostgreSQL releases the locks, and another instance acquires them at its next
 * check; no lease or clock agreement is involved. When this instance loses its connection it tells
 * its listeners at once that it leads nothing, and competes again after reconnecting.
 */
public final class OrgLeadership implements AutoCloseable {

  /** Opens the dedicated connection. */
  @FunctionalInterface
  public interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private static final Logger log = LoggerFactory.getLogger(OrgLeadership.class);

  private final ConnectionFactory connections;
  private final Duration checkInterval;
  private final Set<Tenant> wanted = ConcurrentHashMap.newKeySet();
  private final Set<Tenant> led = ConcurrentHashMap.newKeySet();
  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread;

  // Confined to the leadership thread.
  private Connection connection;

  public OrgLeadership(ConnectionFactory connections, Duration checkInterval) {
    this.connections = Objects.requireNonNull(connections, "connections");
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("checkInterval must be positive");
    }
    this.checkInterval = checkInterval;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var t = new Thread(runnable, "org-leadership");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts checking; listeners added before this see every acquisition. */
  public OrgLeadership start() {
    thread.scheduleWithFixedDelay(this::check, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Adds a listener and tells it, on the leadership thread and before any later change, about every
   * org led now.
   */
  public void addListener(LeadershipListener listener) {
    Objects.requireNonNull(listener, "listener");
    try {
      thread.execute(
          () -> {
            listeners.add(listener);
            led.forEach(tenant -> notify(() -> listener.onAcquired(tenant)));
          });
    } catch (RejectedExecutionException closed) {
      // Closed: nothing is led any more.
    }
  }

  /** Competes for {@code tenant}'s org from the next check on. */
  public void compete(Tenant tenant) {
    tenant.requireOrgId("OrgLeadership");
    if (wanted.add(tenant)) {
      log.debug("Competing for org {} of company {}", tenant.orgId(), tenant.companyId());
    }
    checkSoon();
  }

  /** Stops competing for {@code tenant}; releases its lock if held (listeners get onLost). */
  public void withdraw(Tenant tenant) {
    wanted.remove(tenant);
    checkSoon();
  }

  private void checkSoon() {
    try {
      thread.execute(this::check);
    } catch (RejectedExecutionException closed) {
      // close() released everything already.
    }
  }

  /** Whether this instance leads {@code tenant}'s org now. */
  public boolean leads(Tenant tenant) {
    return led.contains(tenant);
  }

  /** The orgs this instance leads now. */
  public Set<Tenant> led() {
    return Set.copyOf(led);
  }

  /** Releases every lock (listeners get onLost) and closes the connection. */
  @Override
  public void close() {
    wanted.clear();
    try {
      thread.submit(this::disconnect).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("Releasing org leadership did not finish cleanly", e);
    } finally {
      thread.shutdownNow();
    }
  }

  private void check() {
    try {
      if (connection == null) {
        if (wanted.isEmpty()) {
          return;
        }
        connection = connections.open();
        connection.setAutoCommit(true);
      } else if (!connection.isValid(5)) {
        throw new SQLException("leadership connection is no longer valid");
      }
      for (Tenant tenant : Set.copyOf(led)) {
        if (!wanted.contains(tenant)) {
          call("select pg_advisory_unlock(hashtextextended(?, 0))", tenant);
          lost(tenant);
        }
      }
      for (Tenant tenant : Set.copyOf(wanted)) {
        if (!led.contains(tenant)
            && call("select pg_try_advisory_lock(hashtextextended(?, 0))", tenant)) {
          led.add(tenant);
          log.info("Leading org {} of company {}", tenant.orgId(), tenant.companyId());
          listeners.forEach(listener -> notify(() -> listener.onAcquired(tenant)));
        }
      }
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "Leadership connection failed; giving up {} org(s) until it is back: {}",
          led.size(),
          e.toString());
      dropConnection();
    }
  }

  private boolean call(String sql, Tenant tenant) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, "ingest:" + tenant.companyId() + ":" + tenant.orgId().value());
      try (var rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  private void disconnect() {
    if (connection != null) {
      try (PreparedStatement statement =
          connection.prepareStatement("select pg_advisory_unlock_all()")) {
        statement.execute();
      } catch (SQLException e) {
        log.debug("Unlock on close failed; closing the session releases the locks anyway", e);
      }
    }
    dropConnection();
  }

  private void dropConnection() {
    for (Tenant tenant : new LinkedHashSet<>(led)) {
      lost(tenant);
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Closing the leadership connection failed", e);
      }
      connection = null;
    }
  }

  private void lost(Tenant tenant) {
    led.remove(tenant);
    log.info("No longer leading org {} of company {}", tenant.orgId(), tenant.companyId());
    listeners.forEach(listener -> notify(() -> listener.onLost(tenant)));
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("A leadership listener failed", e);
    }
  }
}
