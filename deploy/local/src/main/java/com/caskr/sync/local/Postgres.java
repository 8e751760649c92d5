package com.caskr.sync.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * PostgreSQL from the embedded binaries on Maven Central, with the database and role the services'
 * application.yml expect.
 */
final class Postgres implements AutoCloseable {

  static final String DATABASE = "caskr_sync";
  static final String USER = "caskr";
  static final String PASSWORD = "caskr";

  private final EmbeddedPostgres server;
  private final Path dataDirectory;

  private Postgres(EmbeddedPostgres server, Path dataDirectory) {
    this.server = server;
    this.dataDirectory = dataDirectory;
  }

  static Postgres start(int port, Path dataDirectory, Path log) throws IOException, SQLException {
    EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(true)
            // Our shutdown hook stops PostgreSQL after the services, not at the same time.
            .setRegisterShutdownHook(false)
            .setOutputRedirector(Redirect.appendTo(log.toFile()))
            .setErrorRedirector(Redirect.appendTo(log.toFile()))
            // Four services with a connection pool each, plus Flyway.
            .setServerConfig("max_connections", "200")
            // Throw-away data, wiped at every start: durability only costs start-up time.
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
    Postgres postgres = new Postgres(server, dataDirectory);
    try {
      postgres.createDatabase();
    } catch (SQLException e) {
      postgres.close();
      throw e;
    }
    return postgres;
  }

  private void createDatabase() throws SQLException {
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }
  }

  int port() {
    return server.getPort();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /** The postmaster runs detached from the launcher (pg_ctl starts it), so it has its own PID. */
  Optional<ProcessHandle> postmaster() {
    try {
      String firstLine = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst();
      return ProcessHandle.of(Long.parseLong(firstLine.strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
