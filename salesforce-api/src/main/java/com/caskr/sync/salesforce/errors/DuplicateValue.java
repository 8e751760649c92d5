package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * {@code DUPLICATE_VALUE}: a unique or external-id field collided, e.g. two concurrent upserts of
 * the same new key; retrying the upsert updates the winner's row.
 */
public final class DuplicateValue extends SalesforceException {

  public DuplicateValue(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
