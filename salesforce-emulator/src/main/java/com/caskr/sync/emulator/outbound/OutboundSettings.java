package com.caskr.sync.emulator.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sender behaves ({@code emulator.outbound.*}).
 *
 * @param timeScale Salesforce seconds per real second for the retry schedule and the 24-hour expiry
 *     (3600: a day passes in 24 s); the request timeout is not scaled
 * @param requestTimeout how long a listener may take to answer (Salesforce: 60 s)
 * @param duplicateProbability the chance that a delivered message is sent once more
 * @param instanceUrl the base of the Enterprise and Partner URLs in every message
 */
@ConfigurationProperties("emulator.outbound")
public record OutboundSettings(
    double timeScale, Duration requestTimeout, double duplicateProbability, String instanceUrl) {

  public OutboundSettings {
    if (timeScale == 0) {
      timeScale = 1;
    }
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("emulator.outbound.time-scale must be positive");
    }
    if (requestTimeout == null) {
      requestTimeout = Duration.ofSeconds(60);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("emulator.outbound.request-timeout must be positive");
    }
    if (!(duplicateProbability >= 0 && duplicateProbability <= 1)) {
      throw new IllegalArgumentException(
          "emulator.outbound.duplicate-probability must lie in [0, 1]");
    }
    if (instanceUrl == null || instanceUrl.isBlank()) {
      instanceUrl = "http://localhost:8090";
    }
    instanceUrl =
        instanceUrl.endsWith("/")
            ? instanceUrl.substring(0, instanceUrl.length() - 1)
            : instanceUrl;
  }

  /** The real wait for a Salesforce-time duration. */
  Duration real(Duration salesforceTime) {
    return Duration.ofNanos((long) (salesforceTime.toNanos() / timeScale));
  }

  /** The Salesforce time that a real duration stands for. */
  Duration emulated(Duration real) {
    double nanos = real.toNanos() * timeScale;
    return nanos >= Long.MAX_VALUE
        ? Duration.ofNanos(Long.MAX_VALUE)
        : Duration.ofNanos((long) nanos);
  }
}
