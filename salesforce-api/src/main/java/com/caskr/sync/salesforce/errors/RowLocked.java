package com.caskr.sync.salesforce.errors;

import java.util.List;

/** {@code UNABLE_TO_LOCK_ROW}: another transaction holds the row; retry with backoff. */
public final class RowLocked extends SalesforceException {

  public RowLocked(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
