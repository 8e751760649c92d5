package com.caskr.sync.emulator.oauth;

/** A refusal as the token endpoint answers it: HTTP 400 {@code {error, error_description}}. */
public final class OAuthError extends RuntimeException {

  private final String error;
  private final String description;

  OAuthError(String error, String description) {
    super(error + ": " + description);
    this.error = error;
    this.description = description;
  }

  public String error() {
    return error;
  }

  public String description() {
    return description;
  }

  static OAuthError authenticationFailure() {
    return new OAuthError("invalid_grant", "authentication failure");
  }

  static OAuthError invalidClientId() {
    return new OAuthError("invalid_client_id", "client identifier invalid");
  }

  static OAuthError invalidClient() {
    return new OAuthError("invalid_client", "invalid client credentials");
  }

  static OAuthError expiredToken() {
    return new OAuthError("invalid_grant", "expired access/refresh token");
  }
}
