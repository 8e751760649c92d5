package com.caskr.sync.auth.vault;

import java.util.Objects;

/**
 * A token or verifier in plaintext, only in memory. Its {@code toString()} never shows the value,
 * so a secret that reaches a log line, an exception message or a debugger's summary stays hidden;
 * {@link #reveal()} is the one deliberate way out.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret cannot be blank");
    }
    return new Secret(value);
  }

  /** The plaintext, for the one place that must send it (an HTTP header, a token request). */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
