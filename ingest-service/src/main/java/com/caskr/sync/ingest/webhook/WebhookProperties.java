package com.caskr.sync.ingest.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code ingest.webhook.*}.
 *
 * @param keysetJson the Tink AES-256-GCM keyset (JSON) that seals the signing secrets at rest; a
 *     secret in deployment
 * @param maxBodySize larger bodies are refused with 413 while reading
 * @param ackTimeout how long a request waits for Kafka before answering 503
 * @param rotationGrace how long a replaced secret keeps verifying signatures
 * @param claimTimeout after how long an event id claimed by a delivery that was neither accepted
 *     nor released (its instance died) may be claimed by another delivery; longer than {@code
 *     ackTimeout}
 */
@ConfigurationProperties("ingest.webhook")
record WebhookProperties(
    String keysetJson,
    DataSize maxBodySize,
    Duration ackTimeout,
    Duration rotationGrace,
    Duration claimTimeout) {

  WebhookProperties {
    if (maxBodySize == null) {
      maxBodySize = DataSize.ofKilobytes(256);
    }
    if (ackTimeout == null) {
      ackTimeout = Duration.ofSeconds(10);
    }
    if (rotationGrace == null) {
      rotationGrace = Duration.ofHours(24);
    }
    if (claimTimeout == null) {
      claimTimeout = Duration.ofMinutes(1);
    }
    if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > 64L * 1024 * 1024) {
      throw new IllegalArgumentException("ingest.webhook.max-body-size must lie in [1KB, 64MB]");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ingest.webhook.ack-timeout must be positive");
    }
    if (rotationGrace.isNegative()) {
      throw new IllegalArgumentException("ingest.webhook.rotation-grace must not be negative");
    }
    if (claimTimeout.compareTo(ackTimeout) <= 0) {
      throw new IllegalArgumentException(
          "ingest.webhook.claim-timeout must be longer than ingest.webhook.ack-timeout");
    }
  }

  @Override
  public String toString() {
    return "WebhookProperties[keysetJson=***, maxBodySize="
        + maxBodySize
        + ", ackTimeout="
        + ackTimeout
        + ", rotationGrace="
        + rotationGrace
        + ", claimTimeout="
        + claimTimeout
        + "]";
  }
}
