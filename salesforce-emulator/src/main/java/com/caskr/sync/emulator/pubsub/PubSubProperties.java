package com.caskr.sync.emulator.pubsub;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Pub/Sub API surface ({@code emulator.pubsub.*}).
 *
 * @param port the plaintext gRPC port (Salesforce: api.pubsub.salesforce.com:7443 over TLS); 0
 *     picks a free one, read it from {@link PubSubServer#port()}
 * @param retention how long events stay replayable, measured on the org's clock (Salesforce: 72h)
 * @param keepalive how long an idle Subscribe call waits before an empty FetchResponse carrying
 *     latest_replay_id (Salesforce: within 270 s)
 * @param idleTimeout how long a Subscribe call with no outstanding demand waits for a FetchRequest
 *     before the server closes it (Salesforce: 60 s)
 */
@ConfigurationProperties("emulator.pubsub")
record PubSubProperties(
    @DefaultValue("7443") int port,
    @DefaultValue("72h") Duration retention,
    @DefaultValue("270s") Duration keepalive,
    @DefaultValue("60s") Duration idleTimeout) {

  PubSubProperties {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("emulator.pubsub.port must be 0..65535: " + port);
    }
    for (Duration d : new Duration[] {retention, keepalive, idleTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("emulator.pubsub durations must be positive: " + d);
      }
    }
  }
}
