package com.caskr.sync.auth.grants;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deployment's connected app ({@code auth.salesforce.*}; in the environment {@code
 * AUTH_SALESFORCE_CLIENT_ID}, {@code AUTH_SALESFORCE_CLIENT_SECRET}). Without a client id the
 * service starts, but every refresh fails with a message naming the missing property.
 *
 * @param clientId the connected app's consumer key
 * @param clientSecret the consumer secret; never logged
 */
@ConfigurationProperties("auth.salesforce")
public record SalesforceProperties(String clientId, String clientSecret) {

  public SalesforceProperties {
    clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
    clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
    if (clientSecret != null && clientId == null) {
      throw new IllegalArgumentException(
          "auth.salesforce.client-secret is set but auth.salesforce.client-id is not");
    }
  }

  @Override
  public String toString() {
    return "SalesforceProperties[clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "[redacted]")
        + "]";
  }
}
