package com.caskr.sync.mapping.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Holds the relay's advisory lock on a connection of its own, so that no relay publishes (and
 * deletes) outbox rows until it is closed: a test reads the rows a transaction appended before the
 * relay runs.
 */
public final class HeldRelay implements AutoCloseable {

  private final Connection connection;

  private HeldRelay(Connection connection) {
    this.connection = connection;
  }

  /** Waits until no relay pass is running, then keeps every relay out until {@link #close()}. */
  public static HeldRelay hold(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      lock(connection, "SELECT pg_advisory_lock(?)");
      return new HeldRelay(connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    try (connection) {
      lock(connection, "SELECT pg_advisory_unlock(?)");
    }
  }

  private static void lock(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, OutboxRelay.RELAY_LOCK);
      statement.executeQuery().close();
    }
  }
}
