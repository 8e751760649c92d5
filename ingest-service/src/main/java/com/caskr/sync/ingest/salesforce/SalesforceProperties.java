package com.caskr.sync.ingest.salesforce;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest-service reaches Salesforce ({@code ingest.salesforce}).
 *
 * @param authServiceUrl auth-service, whose internal token API hands out each company's token
 * @param authServiceSecret this service's secret at auth-service (at least 32 bytes); without it no
 *     token can be drawn, and every attempt fails with a message naming this setting
 * @param tokenTimeout per token API request (a refresh may wait for Salesforce)
 * @param pubsubHost the Pub/Sub API host ({@code api.pubsub.salesforce.com}; the emulator locally)
 * @param pubsubPlaintext true only for the local emulator
 */
@ConfigurationProperties("ingest.salesforce")
record SalesforceProperties(
    @DefaultValue("http://localhost:8081") URI authServiceUrl,
    String authServiceSecret,
    @DefaultValue("60s") Duration tokenTimeout,
    @DefaultValue("api.pubsub.salesforce.com") String pubsubHost,
    @DefaultValue("7443") int pubsubPort,
    @DefaultValue("false") boolean pubsubPlaintext) {

  SalesforceProperties {
    if (tokenTimeout.isNegative() || tokenTimeout.isZero()) {
      throw new IllegalArgumentException("ingest.salesforce.token-timeout must be positive");
    }
    if (pubsubPort < 1 || pubsubPort > 65_535) {
      throw new IllegalArgumentException(
          "ingest.salesforce.pubsub-port out of range: " + pubsubPort);
    }
  }
}
