package com.caskr.sync.emulator.oauth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's live access tokens (Salesforce session ids). The REST, Bulk and Pub/Sub surfaces
 * authenticate every call through this and nothing else; the OAuth surface issues, refreshes,
 * expires and revokes what it returns.
 */
public interface Sessions {

  /**
   * The session of a bearer token, if the token is known, not revoked and not expired. An absent
   * result is answered as Salesforce does: HTTP 401 {@code INVALID_SESSION_ID}.
   */
  Optional<Session> authenticate(String accessToken);

  /** Who is calling: the org and user a token was issued to, with its granted scopes. */
  record Session(String orgId, String userId, Set<String> scopes, Instant expiresAt) {

    /** Tokens without the {@code api} scope (or {@code full}) may not call the REST API. */
    public boolean mayCallApi() {
      return scopes.contains("api") || scopes.contains("full");
    }
  }
}
