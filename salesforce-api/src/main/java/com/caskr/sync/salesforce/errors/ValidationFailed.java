package com.caskr.sync.salesforce.errors;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The record broke a rule: {@code REQUIRED_FIELD_MISSING}, {@code STRING_TOO_LONG}, {@code
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST}, {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}, {@code
 * FIELD_INTEGRITY_EXCEPTION}, {@code INVALID_CROSS_REFERENCE_KEY} and their kin. Fix the data; a
 * retry fails the same way.
 */
public final class ValidationFailed extends SalesforceException {

  public ValidationFailed(int status, List<ApiError> errors) {
    super(status, errors);
  }

  /** Every field any of the errors names, in order, without repeats. */
  public List<String> fields() {
    var fields = new LinkedHashSet<String>();
    errors().forEach(e -> fields.addAll(e.fields()));
    return List.copyOf(fields);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
