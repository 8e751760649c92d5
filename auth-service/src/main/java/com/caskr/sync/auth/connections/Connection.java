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
 * @param loginHost the host (and port) the connection was made on, where its token requests go
 * @param refreshToken null for JWT bearer connections, which have none, and after disconnect
 * @param accessToken null only once disconnected
 * @param jwt who JWT bearer assertions are issued for; null for web-server connections
 * @param version the row's compare-and-set guard
 */
public record Connection(
    long id,
    long companyId,
    AuthFlow flow,
    SalesforceId orgId,
    URI instanceUrl,
    String loginHost,
    SalesforceEnvironment environment,
    ConnectionState state,
    SealedSecret accessToken,
    SealedSecret refreshToken,
    Instant tokenIssuedAt,
    JwtSubject jwt,
    long version) {

  /** How the connection was made, which decides how it is refreshed. */
  public enum AuthFlow {
    /** An admin consented in a browser; refreshed with the refresh token. */
    WEB_SERVER,
    /** Server-to-server; a new assertion buys a new access token, there is no refresh token. */
    JWT_BEARER
  }

  /**
   * The user a JWT bearer connection acts as, and a reference to the private key that signs its
   * assertions (the key itself is never stored with the connection).
   *
   * @param clientId the consumer key of the connected app holding the certificate, or null for the
   *     deployment's app
   */
  public record JwtSubject(String username, String privateKeyRef, String clientId) {

    public JwtSubject {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(privateKeyRef, "privateKeyRef");
    }

    /** A subject of the deployment's connected app. */
    public JwtSubject(String username, String privateKeyRef) {
      this(username, privateKeyRef, null);
    }
  }

  public Connection {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(loginHost, "loginHost");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(state, "state");
    if (flow == AuthFlow.JWT_BEARER && jwt == null) {
      throw new IllegalArgumentException("a JWT bearer connection names its user and key");
    }
    if (state == ConnectionState.CONNECTED && (accessToken == null || tokenIssuedAt == null)) {
      throw new IllegalArgumentException("a connected connection has an access token");
    }
  }
}
