package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A token response from Salesforce's token endpoint.
 *
 * @param refreshToken a rotated refresh token, or null when the old one stays valid
 */
public record RefreshedSession(
    Secret accessToken, Secret refreshToken, URI instanceUrl, Instant issuedAt) {

  public RefreshedSession {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
