package com.caskr.sync.authclient;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A company's Salesforce access token as auth-service hands it out. Its {@code toString()} never
 * shows the token.
 *
 * @param issuedAt send it back with {@link ConnectionTokenClient#refreshAfterRejection} when
 *     Salesforce answers 401, so a token someone else already replaced is not refreshed again
 */
public record ConnectionToken(String accessToken, URI instanceUrl, String orgId, Instant issuedAt) {

  public ConnectionToken {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(instanceUrl, "instanceUrl");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }

  @Override
  public String toString() {
    return "ConnectionToken[instanceUrl="
        + instanceUrl
        + ", orgId="
        + orgId
        + ", issuedAt="
        + issuedAt
        + ", accessToken=[redacted]]";
  }
}
