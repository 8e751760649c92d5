package com.caskr.sync.writeback.plan;

/** A whole Salesforce call failed (no per-row answer came). */
public final class CallFailed extends RuntimeException {

  /** Why, as the retry policy sees it. */
  public enum Reason {
    /** Network error or 5xx: retry with backoff. */
    UNAVAILABLE,
    /** 403 REQUEST_LIMIT_EXCEEDED: pause the org until its budget recovers. */
    LIMIT_EXCEEDED,
    /** The session was refused even after one refresh, or the company is not connected. */
    NOT_AUTHORISED,
    /** Anything else. */
    REFUSED
  }

  private final Reason reason;

  public CallFailed(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
