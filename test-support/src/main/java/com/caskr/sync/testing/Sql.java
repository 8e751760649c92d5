package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC for schema tests: each call takes its own connection and autocommits. */
public final class Sql {

  private Sql() {}

  /** Runs an {@code INSERT … RETURNING id} and returns the id. */
  public static long insert(DataSource dataSource, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).as("a row returned by: %s", sql).isTrue();
      return row.getLong(1);
    }
  }

  public static void update(DataSource dataSource, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.executeUpdate();
    }
  }

  /** The first column of every row, as text. */
  public static List<String> strings(DataSource dataSource, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  public static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  /** The SQLSTATE PostgreSQL answered with; fails the test if the statement was accepted. */
  public static String rejection(Statement action) {
    try {
      action.run();
    } catch (SQLException e) {
      return e.getSQLState();
    }
    throw new AssertionError("expected PostgreSQL to reject the statement, but it was accepted");
  }

  /** Something that talks to the database. */
  @FunctionalInterface
  public interface Statement {
    void run() throws SQLException;
  }
}
