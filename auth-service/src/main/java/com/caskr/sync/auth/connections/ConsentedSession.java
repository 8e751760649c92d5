package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;
import com.caskr.sync.schema.SalesforceId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an admin's consent bought: the first tokens and who they belong to.
 *
 * @param refreshToken null when the connected app does not grant {@code refresh_token}
 * @param orgId the org of the identity URL, confirmed by userinfo at the same login host
 * @param userId the Salesforce user who consented
 * @param scopes the scopes Salesforce granted
 */
public record ConsentedSession(
    Secret accessToken,
    Secret refreshToken,
    URI instanceUrl,
    SalesforceId orgId,
    SalesforceId userId,
    Set<String> scopes,
    Instant issuedAt) {

  public ConsentedSession {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }
}
