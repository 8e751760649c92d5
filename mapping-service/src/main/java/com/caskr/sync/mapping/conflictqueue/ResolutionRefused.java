package com.caskr.sync.mapping.conflictqueue;

/** A conflict resolution that was not carried out; nothing changed. */
public final class ResolutionRefused extends RuntimeException {

  /** Why. */
  public enum Reason {
    /** No such conflict for the company. */
    NOT_FOUND,
    /** Already resolved or dismissed. */
    NOT_PENDING,
    /** The value cannot be stored in the Caskr column (the message says why). */
    INVALID_VALUE,
    /** The Caskr row is gone. */
    ROW_GONE
  }

  private final Reason reason;

  public ResolutionRefused(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
