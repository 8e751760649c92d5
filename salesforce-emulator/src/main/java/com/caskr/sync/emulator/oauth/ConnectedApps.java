package com.caskr.sync.emulator.oauth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connected apps of every org, by consumer key. Thread-safe. */
public final class ConnectedApps {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, ConnectedApp> byClientId = new ConcurrentHashMap<>();
  private final java.time.Duration defaultSessionTimeout;

  public ConnectedApps(java.time.Duration defaultSessionTimeout) {
    this.defaultSessionTimeout = defaultSessionTimeout;
  }

  public ConnectedApps() {
    this(ConnectedApp.DEFAULT_SESSION_TIMEOUT);
  }

  /**
   * A new app with a fresh key and secret, the default scopes and session timeout, no rotation.
   * Refine it with the {@code with…} methods and {@link #save}.
   */
  public ConnectedApp create(String orgId, String name, String redirectUri) {
    var app =
        new ConnectedApp(
            orgId,
            name,
            "3MVG9" + token(40),
            HexFormat.of().withUpperCase().formatHex(bytes(32)),
            redirectUri == null ? Set.of() : Set.of(redirectUri),
            ConnectedApp.DEFAULT_SCOPES,
            false,
            defaultSessionTimeout,
            null,
            Set.of());
    return save(app);
  }

  /** Registers or replaces an app (by client id). */
  public ConnectedApp save(ConnectedApp app) {
    byClientId.put(app.clientId(), app);
    return app;
  }

  public Optional<ConnectedApp> byClientId(String clientId) {
    return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
  }

  static String token(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The org's apps, by name then key. */
  public java.util.List<ConnectedApp> ofOrg(String orgId) {
    return byClientId.values().stream()
        .filter(a -> a.orgId().equals(orgId))
        .sorted(
            java.util.Comparator.comparing(ConnectedApp::name)
                .thenComparing(ConnectedApp::clientId))
        .toList();
  }

  /** Forgets an app: its key no longer authorizes or refreshes. False when there was none. */
  public boolean remove(String clientId) {
    return clientId != null && byClientId.remove(clientId) != null;
  }
}
