package com.caskr.sync.emulator.soql;

import java.time.Clock;

/** A parsed query, independent of any org; safe to share between threads. */
public final class SoqlQuery {

  /** The API version in record urls when the caller does not say. */
  public static final String DEFAULT_API_VERSION = "62.0";

  private final String soql;
  private final Syntax.Select select;
  private final boolean bulk;

  SoqlQuery(String soql, Syntax.Select select, boolean bulk) {
    this.soql = soql;
    this.select = select;
    this.bulk = bulk;
  }

  /** The sObject type as written after FROM. */
  public String sobjectType() {
    return select.from().text();
  }

  /** Whether this is {@code SELECT COUNT()}, whose result has a size but no records. */
  public boolean isCount() {
    return select.count();
  }

  /** Runs the query: {@code includeDeleted} is queryAll, which also sees the recycle bin. */
  public QueryResult execute(RecordSource source, boolean includeDeleted) {
    return execute(source, includeDeleted, DEFAULT_API_VERSION, Clock.systemUTC());
  }

  /**
   * Runs the query with record urls for {@code apiVersion} (e.g. "62.0") and TODAY and its kin
   * taken from {@code clock}, in UTC.
   *
   * @throws SoqlException when a name does not exist in the org or a literal does not fit a field
   */
  public QueryResult execute(
      RecordSource source, boolean includeDeleted, String apiVersion, Clock clock) {
    return QueryPlan.bind(select, source, soql, bulk, clock).run(includeDeleted, apiVersion);
  }

  @Override
  public String toString() {
    return soql;
  }
}
