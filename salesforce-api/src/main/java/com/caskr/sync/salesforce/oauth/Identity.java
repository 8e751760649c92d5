package com.caskr.sync.salesforce.oauth;

import com.caskr.sync.schema.SalesforceId;
import java.net.URI;

/**
 * The identity URL of a token, {@code https://login.salesforce.com/id/<00D org>/<005 user>}, and
 * the two ids in it.
 */
public record Identity(URI url, SalesforceId orgId, SalesforceId userId) {

  /** Parses an identity URL; throws {@link IllegalArgumentException} when it is not one. */
  public static Identity parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("No identity URL");
    }
    URI uri = URI.create(url);
    String[] parts = uri.getPath() == null ? new String[0] : uri.getPath().split("/");
    int n = parts.length;
    if (n < 3 || !parts[n - 3].equals("id")) {
      throw new IllegalArgumentException("Not an identity URL: " + url);
    }
    SalesforceId org = SalesforceId.of(parts[n - 2]);
    SalesforceId user = SalesforceId.of(parts[n - 1]);
    if (!org.hasKeyPrefix("00D") || !user.hasKeyPrefix("005")) {
      throw new IllegalArgumentException("Not an identity URL (00D org, 005 user): " + url);
    }
    return new Identity(uri, org, user);
  }
}
