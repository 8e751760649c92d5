package com.caskr.sync.salesforce.oauth;

/**
 * A connected app's consumer key and secret.
 *
 * @param clientSecret null when the app does not require it (JWT bearer, PKCE-only apps)
 */
public record ClientCredentials(String clientId, String clientSecret) {

  public ClientCredentials {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("A consumer key is required");
    }
  }

  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
  }
}
