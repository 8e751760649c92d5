package com.caskr.sync.auth.refresh;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a Salesforce access token is taken to live ({@code auth.tokens.*}): Salesforce returns
 * no expiry, so a token is refreshed {@code skew} before the org's {@code session-timeout} has
 * passed since it was issued.
 */
@ConfigurationProperties("auth.tokens")
public record TokensProperties(Duration sessionTimeout, Duration skew) {

  public TokensProperties {
    if (sessionTimeout == null || skew == null) {
      throw new IllegalArgumentException(
          "configure auth.tokens.session-timeout and auth.tokens.skew");
    }
    if (skew.isNegative() || sessionTimeout.compareTo(skew) <= 0) {
      throw new IllegalArgumentException(
          "auth.tokens.session-timeout must be longer than auth.tokens.skew");
    }
  }
}
