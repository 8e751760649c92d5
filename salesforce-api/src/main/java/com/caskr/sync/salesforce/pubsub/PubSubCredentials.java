package com.caskr.sync.salesforce.pubsub;

/**
 * What every Pub/Sub API call carries as gRPC metadata (§4.1): {@code accesstoken}, {@code
 * instanceurl}, {@code tenantid}.
 *
 * @param accessToken the OAuth access token (never printed)
 * @param instanceUrl the org's instance URL from the token response
 * @param tenantId the org id, the {@code 00D…} segment of the identity URL
 */
public record PubSubCredentials(String accessToken, String instanceUrl, String tenantId) {

  public PubSubCredentials {
    if (accessToken == null || accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken is required");
    }
    if (instanceUrl == null || instanceUrl.isBlank()) {
      throw new IllegalArgumentException("instanceUrl is required");
    }
    if (tenantId == null || !tenantId.startsWith("00D")) {
      throw new IllegalArgumentException("tenantId must be an org id (00D…), got " + tenantId);
    }
  }

  @Override
  public String toString() {
    return "PubSubCredentials[instanceUrl=" + instanceUrl + ", tenantId=" + tenantId + "]";
  }
}
