package com.caskr.sync.salesforce.errors;

import java.util.List;

/** 300 from an upsert: several records carry the external id, so nothing was written. */
public final class MultipleMatches extends SalesforceException {

  private final List<String> recordUrls;

  public MultipleMatches(List<String> recordUrls) {
    super(300, List.of(), "HTTP 300 several records match the external id: " + recordUrls, null);
    this.recordUrls = List.copyOf(recordUrls);
  }

  /** The matching records' REST URLs. */
  public List<String> recordUrls() {
    return recordUrls;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
