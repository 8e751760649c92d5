package com.caskr.sync.ingest.salesforce;

import com.caskr.sync.schema.SalesforceId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A company's Salesforce access token as ingest-service draws it. {@code toString()} never shows
 * the token.
 *
 * @param orgId the org the token belongs to; checked against the org a caller expects
 * @param issuedAt identifies this token when asking for a replacement after a 401
 */
public record OrgToken(String accessToken, URI instanceUrl, SalesforceId orgId, Instant issuedAt) {

  public OrgToken {
    if (accessToken == null || accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken is required");
    }
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }

  @Override
  public String toString() {
    return "OrgToken[instanceUrl="
        + instanceUrl
        + ", orgId="
        + orgId
        + ", issuedAt="
        + issuedAt
        + ", accessToken=[redacted]]";
  }
}
