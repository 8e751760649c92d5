package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * 404 {@code NOT_FOUND} (or {@code MALFORMED_ID}): no such record, resource or external-id field.
 */
public final class NotFound extends SalesforceException {

  public NotFound(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
