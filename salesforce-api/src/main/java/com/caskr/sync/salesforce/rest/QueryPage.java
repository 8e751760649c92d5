package com.caskr.sync.salesforce.rest;

import java.util.List;
import java.util.Map;

/**
 * One page of a query: the records (with nested maps for parent relationships and {@code
 * {totalSize,done,records}} maps for child subqueries; selected null fields present as null).
 *
 * @param nextRecordsUrl the next page's path, null when {@code done}
 */
public record QueryPage(
    long totalSize, boolean done, String nextRecordsUrl, List<Map<String, Object>> records) {

  public QueryPage {
    records = List.copyOf(records);
    if (!done && (nextRecordsUrl == null || nextRecordsUrl.isBlank())) {
      throw new IllegalArgumentException("A page that is not done needs a nextRecordsUrl");
    }
  }
}
