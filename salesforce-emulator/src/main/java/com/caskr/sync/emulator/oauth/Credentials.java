package com.caskr.sync.emulator.oauth;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Passwords of emulator users, by username; users without one use the default. Thread-safe. */
public final class Credentials {

  private final String defaultPassword;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();

  public Credentials(String defaultPassword) {
    this.defaultPassword = defaultPassword;
  }

  public void setPassword(String username, String password) {
    passwords.put(username.toLowerCase(Locale.ROOT), password);
  }

  boolean matches(String username, String password) {
    return password != null
        && password.equals(
            passwords.getOrDefault(username.toLowerCase(Locale.ROOT), defaultPassword));
  }
}
