package com.caskr.sync.salesforce.oauth;

import java.net.URI;

/** An access token and the instance it is valid on. {@code toString} hides the token. */
public record Session(String accessToken, URI instanceUrl) {

  public Session {
    if (accessToken == null || accessToken.isBlank() || instanceUrl == null) {
      throw new IllegalArgumentException("A session needs an access token and an instance URL");
    }
  }

  @Override
  public String toString() {
    return "Session[instanceUrl=" + instanceUrl + ", accessToken=***]";
  }
}
