package com.caskr.sync.salesforce.errors;

import java.util.List;

/** Any other refusal: the status and the body's errors say what happened. */
public final class SalesforceApiError extends SalesforceException {

  public SalesforceApiError(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
