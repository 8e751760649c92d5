package com.caskr.sync.salesforce.errors;

import java.util.List;

/** {@code ENTITY_IS_DELETED}: the record is in the recycle bin. */
public final class EntityDeleted extends SalesforceException {

  public EntityDeleted(int status, List<ApiError> errors) {
    super(status, errors);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
