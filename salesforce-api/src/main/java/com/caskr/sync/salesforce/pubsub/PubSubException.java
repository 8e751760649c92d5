package com.caskr.sync.salesforce.pubsub;

import io.grpc.Status;

/** A Pub/Sub API failure the client does not recover from by itself. */
public final class PubSubException extends RuntimeException {

  /** Why the call or subscription failed. */
  public enum Reason {
    /** Credentials rejected again after one refresh ({@code service.auth.error}). */
    AUTHENTICATION,
    /** The stored replay id was refused and the recovery policy is {@link ReplayRecovery#FAIL}. */
    REPLAY_ID_EXPIRED,
    /** The server refused the request itself (unknown topic, no permission, bad argument). */
    REJECTED,
    /** The server could not be reached or failed, and the call is not retried. */
    UNAVAILABLE
  }

  private final Reason reason;
  private final String errorCode;
  private final Status.Code statusCode;

  PubSubException(
      Reason reason, String errorCode, Status.Code statusCode, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.errorCode = errorCode;
    this.statusCode = statusCode;
  }

  public Reason reason() {
    return reason;
  }

  /** Salesforce's {@code error-code} trailer, or null when the server sent none. */
  public String errorCode() {
    return errorCode;
  }

  public Status.Code statusCode() {
    return statusCode;
  }
}
