package com.caskr.sync.salesforce.oauth;

import com.caskr.sync.schema.SalesforceId;
import java.util.Map;

/**
 * {@code GET /services/oauth2/userinfo}: who the token belongs to.
 *
 * @param sub the identity URL
 * @param claims every claim as sent
 */
public record UserInfo(
    String sub,
    SalesforceId userId,
    SalesforceId organizationId,
    String preferredUsername,
    String email,
    Map<String, Object> claims) {

  public UserInfo {
    claims = claims == null ? Map.of() : Map.copyOf(claims);
  }
}
