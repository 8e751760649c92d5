package com.caskr.sync.mapping.reviewholds;

/** A hold that cannot be released or dismissed; nothing changed. */
public final class HoldRefused extends RuntimeException {

  private final boolean notFound;

  HoldRefused(boolean notFound, String message) {
    super(message);
    this.notFound = notFound;
  }

  /** True when the company has no such hold, false when it is no longer HELD or not releasable. */
  public boolean notFound() {
    return notFound;
  }
}
