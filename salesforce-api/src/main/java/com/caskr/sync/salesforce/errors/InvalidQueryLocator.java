package com.caskr.sync.salesforce.errors;

import java.util.List;

/** {@code INVALID_QUERY_LOCATOR}: a {@code nextRecordsUrl} expired; run the query again. */
public final class InvalidQueryLocator extends SalesforceException {

  public InvalidQueryLocator(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
