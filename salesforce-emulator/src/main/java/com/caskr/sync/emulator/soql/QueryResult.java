package com.caskr.sync.emulator.soql;

import java.util.List;
import java.util.Map;

/**
 * Every row a query returns, in order, shaped like the REST response's {@code records}: each a map
 * with {@code attributes} first, then the selected fields in select-list order, parent
 * relationships as nested maps (or null), child subqueries as {@code {totalSize, done, records}}
 * (or null when there are no children). Values keep the {@link RecordSource} types; formatting them
 * as JSON ({@code +0000} datetimes) is the REST layer's job, as is paging, which slices {@code
 * records}.
 *
 * @param totalSize the number of rows, or the count for {@code SELECT COUNT()}, whose {@code
 *     records} is empty
 * @param columns the selected fields in select-list order and canonical spelling, parent fields as
 *     dotted paths ({@code Account.Name}), child subqueries left out: the header of a Bulk API CSV
 *     result, which needs one even when there are no rows
 */
public record QueryResult(int totalSize, List<Map<String, Object>> records, List<String> columns) {

  public QueryResult {
    records = List.copyOf(records);
    columns = List.copyOf(columns);
  }
}
