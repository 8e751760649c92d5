package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * 403 {@code REQUEST_LIMIT_EXCEEDED}: the org's daily API allocation (or the long-running
 * concurrency cap) is spent. Salesforce sends no Retry-After; back off for minutes, not
 * milliseconds, and watch {@code Sforce-Limit-Info}.
 */
public final class RequestLimitExceeded extends SalesforceException {

  public RequestLimitExceeded(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
