package com.caskr.sync.salesforce.pubsub;

/**
 * Where the Pub/Sub clients get credentials. On an authentication error a client calls {@link
 * #refresh()} once (for example a refresh-token or JWT bearer grant) and retries with the result.
 */
public interface CredentialsSource {

  /** The credentials to use now. */
  PubSubCredentials current();

  /** New credentials after the server rejected the current ones; by default the current ones. */
  default PubSubCredentials refresh() {
    return current();
  }

  /** Credentials that never change (tests, short-lived tools). */
  static CredentialsSource fixed(PubSubCredentials credentials) {
    return () -> credentials;
  }
}
