package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * 401 {@code INVALID_SESSION_ID}: the token expired or was revoked, and one refresh did not help.
 */
public final class SessionExpired extends SalesforceException {

  public SessionExpired(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
