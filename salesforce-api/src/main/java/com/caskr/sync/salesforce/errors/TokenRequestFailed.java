package com.caskr.sync.salesforce.errors;

import java.util.List;

/**
 * The OAuth token (or revoke/introspect) endpoint refused: HTTP 400 with {@code error} and {@code
 * error_description}, e.g. {@code invalid_grant}/{@code expired access/refresh token}.
 */
public final class TokenRequestFailed extends SalesforceException {

  private final String error;
  private final String errorDescription;

  public TokenRequestFailed(int status, String error, String errorDescription) {
    super(
        status,
        List.of(new ApiError(error, errorDescription, List.of())),
        "HTTP " + status + " " + error + ": " + errorDescription,
        null);
    this.error = error;
    this.errorDescription = errorDescription;
  }

  /** The OAuth {@code error}, e.g. {@code invalid_grant}. */
  public String error() {
    return error;
  }

  public String errorDescription() {
    return errorDescription;
  }

  /** Whether the grant itself is dead (revoked, expired, rotated away): log in again. */
  public boolean grantInvalid() {
    return "invalid_grant".equals(error);
  }

  @Override
  public boolean retryable() {
    return status() >= 500;
  }
}
