package com.caskr.sync.salesforce.oauth;

import java.time.Instant;

/**
 * {@code POST /services/oauth2/introspect}: the only place that tells a token's expiry.
 *
 * @param expiresAt null for refresh tokens and inactive tokens
 * @param tokenType {@code access_token} or {@code refresh_token}; null when inactive
 */
public record Introspection(
    boolean active,
    String scope,
    String clientId,
    String username,
    Instant expiresAt,
    String tokenType) {

  static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null);
}
