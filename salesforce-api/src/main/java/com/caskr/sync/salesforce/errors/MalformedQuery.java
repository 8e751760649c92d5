package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * The SOQL was refused: {@code MALFORMED_QUERY}, {@code INVALID_FIELD}, {@code INVALID_TYPE} and
 * the like.
 */
public final class MalformedQuery extends SalesforceException {

  public MalformedQuery(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
