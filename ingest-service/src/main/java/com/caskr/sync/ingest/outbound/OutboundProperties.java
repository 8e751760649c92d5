package com.caskr.sync.ingest.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code ingest.outbound.*}.
 *
 * @param maxBodySize the largest SOAP body accepted (100 notifications fit well within 5 MB)
 * @param ackTimeout how long a request waits for Kafka's acknowledgement before answering with an
 *     error; under the 60 s Salesforce waits for an answer
 */
@ConfigurationProperties("ingest.outbound")
record OutboundProperties(DataSize maxBodySize, Duration ackTimeout) {

  OutboundProperties {
    if (maxBodySize == null) {
      maxBodySize = DataSize.ofMegabytes(5);
    }
    if (ackTimeout == null) {
      ackTimeout = Duration.ofSeconds(30);
    }
    if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ingest.outbound.max-body-size must lie in [1KB, 2GB)");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero() || ackTimeout.toSeconds() >= 60) {
      throw new IllegalArgumentException("ingest.outbound.ack-timeout must lie in (0, 60s)");
    }
  }
}
