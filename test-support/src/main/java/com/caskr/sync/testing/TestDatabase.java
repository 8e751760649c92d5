package com.caskr.sync.testing;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One database of its own on the shared PostgreSQL server. */
public record TestDatabase(String jdbcUrl, String username, String password, String name) {

  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(username);
    dataSource.setPassword(password);
    return dataSource;
  }
}
