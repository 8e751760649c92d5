package com.caskr.sync.salesforce.pubsub;

/**
 * Where the Pub/Sub API listens. Salesforce's is {@link #SALESFORCE} over TLS; plaintext is for the
 * local emulator only.
 */
public record Endpoint(String host, int port, boolean plaintext) {

  /** {@code api.pubsub.salesforce.com:7443}, TLS. */
  public static final Endpoint SALESFORCE = tls("api.pubsub.salesforce.com", 7443);

  public Endpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static Endpoint tls(String host, int port) {
    return new Endpoint(host, port, false);
  }

  public static Endpoint plaintext(String host, int port) {
    return new Endpoint(host, port, true);
  }
}
