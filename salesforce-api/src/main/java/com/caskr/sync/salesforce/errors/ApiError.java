package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * One error Salesforce reported: {@code errorCode} in a single-record error array, {@code
 * statusCode} in a collection row (both land in {@link #code}).
 *
 * @param fields the fields the error is about; empty when none were named
 */
public record ApiError(String code, String message, List<String> fields) {

  public ApiError {
    code = code == null ? "UNKNOWN_EXCEPTION" : code;
    message = message == null ? "" : message;
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  @Override
  public String toString() {
    return code + ": " + message + (fields.isEmpty() ? "" : " " + fields);
  }
}
