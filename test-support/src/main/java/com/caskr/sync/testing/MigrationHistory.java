package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Reads a schema's own Flyway history table. */
public final class MigrationHistory {

  private MigrationHistory() {}

  /** The schema has its own history table and every migration in it succeeded. */
  public static void assertAppliedSuccessfully(DataSource dataSource, String schema) {
    String sql =
        "SELECT count(*), count(*) FILTER (WHERE NOT success) FROM \"%s\".flyway_schema_history WHERE version IS NOT NULL"
            .formatted(schema);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet counts = statement.executeQuery(sql)) {
      counts.next();
      assertThat(counts.getInt(1)).as("migrations applied in schema %s", schema).isPositive();
      assertThat(counts.getInt(2)).as("failed migrations in schema %s", schema).isZero();
    } catch (SQLException e) {
      throw new AssertionError("No Flyway history in schema " + schema, e);
    }
  }
}
