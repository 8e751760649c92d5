package com.caskr.sync.salesforce.errors;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Salesforce refused a request or could not be reached. The subtype says why; {@link #retryable()}
 * says whether sending the same request again later can succeed. Never carries tokens.
 */
public abstract sealed class SalesforceException extends RuntimeException
    permits SessionExpired,
        RequestLimitExceeded,
        RowLocked,
        EntityDeleted,
        DuplicateValue,
        ValidationFailed,
        NotFound,
        MultipleMatches,
        PreconditionFailed,
        ServiceUnavailable,
        MalformedQuery,
        InvalidQueryLocator,
        TokenRequestFailed,
        BulkJobFailed,
        ConnectionFailed,
        SalesforceApiError {

  private final int status;
  private final List<ApiError> errors;

  SalesforceException(int status, List<ApiError> errors, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  SalesforceException(int status, List<ApiError> errors) {
    this(status, errors, describe(status, errors), null);
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }

  /** Every error of the response body, in order (empty for non-JSON bodies). */
  public List<ApiError> errors() {
    return errors;
  }

  /** The first error's code, or null when the body named none. */
  public String errorCode() {
    return errors.isEmpty() ? null : errors.getFirst().code();
  }

  /** Whether the same request may succeed when sent again later. */
  public abstract boolean retryable();

  static String describe(int status, List<ApiError> errors) {
    return "HTTP "
        + status
        + (errors.isEmpty()
            ? ""
            : " " + errors.stream().map(ApiError::toString).collect(Collectors.joining("; ")));
  }
}
