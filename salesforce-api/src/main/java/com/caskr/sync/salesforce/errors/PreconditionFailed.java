package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * 412: the record changed since the {@code If-Unmodified-Since} date or no longer has the {@code
 * If-Match} ETag. Nothing was written; re-read, merge and try again.
 */
public final class PreconditionFailed extends SalesforceException {

  public PreconditionFailed(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
