package com.caskr.sync.emulator.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultPassword the password of every emulator user without one of its own
 * @param sessionTimeout the session timeout of new connected apps
 */
@ConfigurationProperties("emulator.oauth")
record OAuthProperties(String defaultPassword, Duration sessionTimeout) {

  OAuthProperties {
    if (defaultPassword == null || defaultPassword.isEmpty()) {
      defaultPassword = "password";
    }
    if (sessionTimeout == null) {
      sessionTimeout = ConnectedApp.DEFAULT_SESSION_TIMEOUT;
    }
    if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new IllegalArgumentException("emulator.oauth.session-timeout must be positive");
    }
  }
}
