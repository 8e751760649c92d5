package com.caskr.sync.salesforce.errors;

import java.util.List;

/** 503 (or another 5xx): Salesforce is briefly unavailable; retry with backoff. */
public final class ServiceUnavailable extends SalesforceException {

  public ServiceUnavailable(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
