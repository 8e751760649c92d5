package com.caskr.sync.auth.vault;

/**
 * A sealed secret that does not open: tampered with, moved to another row, or sealed under a key
 * the configured keyset no longer holds. The message names the slot and key id, never plaintext.
 */
public final class SecretUnreadable extends RuntimeException {

  SecretUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
