package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A web-server connection an admin just consented to, tokens sealed, ready to be stored.
 *
 * @param connectedBy the admin user who connected it
 */
public record NewConnection(
    long companyId,
    SalesforceId orgId,
    SalesforceId userId,
    URI instanceUrl,
    String loginHost,
    SalesforceEnvironment environment,
    Set<String> scopes,
    SealedSecret accessToken,
    SealedSecret refreshToken,
    Instant issuedAt,
    String connectedBy,
    Instant connectedAt) {

  public NewConnection {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(loginHost, "loginHost");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(connectedBy, "connectedBy");
    Objects.requireNonNull(connectedAt, "connectedAt");
    scopes = Set.copyOf(scopes);
  }
}
