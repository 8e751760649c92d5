package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A company's Salesforce connection as stored, with its tokens still sealed.
 *
 * @param refreshToken null for JWT bearer connections, which have none, and after disconnect
 * @param accessToken null only once disconnected
 * @param version the row's compare-and-set guard
 */
public record Connection(
    long id,
    long companyId,
    AuthFlow flow,
    SalesforceId orgId,
    URI instanceUrl,
    SalesforceEnvironment environment,
    ConnectionState state,
    SealedSecret accessToken,
    SealedSecret refreshToken,
    Instant tokenIssuedAt,
    long version) {

  /** How the connection was made, which decides how it is refreshed. */
  public enum AuthFlow {
    /** An admin consented in a browser; refreshed with the refresh token. */
    WEB_SERVER,
    /** Server-to-server; a new assertion buys a new access token, there is no refresh token. */
    JWT_BEARER
  }

  public Connection {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(state, "state");
    if (state == ConnectionState.CONNECTED && (accessToken == null || tokenIssuedAt == null)) {
      throw new IllegalArgumentException("a connected connection has an access token");
    }
  }
}
