package com.caskr.sync.authclient;

/**
 * Why auth-service gave no token; one subclass per answer that calls for a different reaction.
 * Messages carry auth-service's {@code error} text, which never holds a token.
 */
public abstract sealed class TokenApiFailure extends RuntimeException {

  private final int status;

  TokenApiFailure(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** 401 or 403: this service's credential or secret is wrong. A configuration error. */
  public static final class CallerRefused extends TokenApiFailure {
    CallerRefused(int status, String message) {
      super(status, message, null);
    }
  }

  /** 404: the company has no Salesforce connection. */
  public static final class NotConnected extends TokenApiFailure {
    NotConnected(String message) {
      super(404, message, null);
    }
  }

  /** 409: the connection needs an admin to reconnect; retrying will not help until then. */
  public static final class NeedsReconnect extends TokenApiFailure {
    NeedsReconnect(String message) {
      super(409, message, null);
    }
  }

  /** 503, another answer, or none at all: try again later. */
  public static final class Unavailable extends TokenApiFailure {
    Unavailable(int status, String message, Throwable cause) {
      super(status, message, cause);
    }
  }
}
