package com.caskr.sync.auth.status;

import java.time.Instant;

/**
 * What an admin page shows about a company's Salesforce connection: its live connection, else the
 * last one it disconnected. No token, ever; {@code lastError} is an OAuth error code and message.
 *
 * @param state CONNECTED, NEEDS_RECONNECT, DISCONNECTED, or NOT_CONNECTED for a company that never
 *     connected (the other fields are then null)
 */
record ConnectionStatus(
    long companyId,
    boolean connected,
    String state,
    String authFlow,
    String orgId,
    String instanceUrl,
    String environment,
    String connectedBy,
    Instant connectedAt,
    Instant lastRefreshAt,
    String lastError,
    Instant lastErrorAt,
    String disconnectedBy,
    Instant disconnectedAt) {

  static ConnectionStatus neverConnected(long companyId) {
    return new ConnectionStatus(
        companyId,
        false,
        "NOT_CONNECTED",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
