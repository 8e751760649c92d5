package com.caskr.sync.emulator.soql;

/**
 * Entry point of the SOQL engine: parse once, then execute against an org as often as needed.
 *
 * <p>Supported: field lists with parent paths up to five relationships deep, one level of child
 * subquery, {@code COUNT()}, WHERE with AND/OR/NOT and parentheses (AND and OR may not be mixed
 * without them, as in Salesforce), {@code = != <> < <= > >=}, {@code IN}/{@code NOT IN}, {@code
 * LIKE}, null tests, quoted strings with backslash escapes, numbers, booleans, unquoted date and
 * datetime literals, TODAY/YESTERDAY/TOMORROW/LAST_N_DAYS:n/NEXT_N_DAYS:n, ORDER BY with ASC/DESC
 * and NULLS FIRST/LAST, LIMIT and OFFSET (at most 2,000). Everything else is refused as
 * MALFORMED_QUERY rather than half-understood.
 */
public final class Soql {

  private Soql() {}

  /** A query for the REST query and queryAll resources. */
  public static SoqlQuery parse(String soql) {
    return new SoqlQuery(soql, Parser.parse(soql, false), false);
  }

  /**
   * A query for a Bulk API 2.0 job, whose SOQL subset has no child subqueries, no OFFSET, no
   * aggregates and no compound address fields.
   */
  public static SoqlQuery parseForBulk(String soql) {
    return new SoqlQuery(soql, Parser.parse(soql, true), true);
  }
}
