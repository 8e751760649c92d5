package com.caskr.sync.auth.connections;

import com.caskr.sync.auth.vault.SealedSecret;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.util.Objects;

/**
 * A connect flow between the authorize redirect and the callback: who started it for which company,
 * where the admin logs in, and the sealed PKCE verifier the exchange needs.
 */
public record PendingAuthorization(
    long companyId,
    String requestedBy,
    SalesforceEnvironment environment,
    String loginHost,
    SealedSecret verifier,
    String redirectUri) {

  public PendingAuthorization {
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(loginHost, "loginHost");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(redirectUri, "redirectUri");
  }
}
