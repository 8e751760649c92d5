package com.caskr.sync.emulator.oauth;

import com.caskr.sync.emulator.org.Org;

/**
 * The emulator cannot own login.salesforce.com, so each login host is a path prefix: production
 * orgs log in under {@code /services/oauth2/…}, sandboxes under {@code /sandbox/services/oauth2/…}.
 * The host still appears where Salesforce shows it: the JWT {@code aud} and the identity URL.
 */
public enum LoginEnvironment {
  PRODUCTION("", "https://login.salesforce.com"),
  SANDBOX("/sandbox", "https://test.salesforce.com");

  private final String pathPrefix;
  private final String loginHost;

  LoginEnvironment(String pathPrefix, String loginHost) {
    this.pathPrefix = pathPrefix;
    this.loginHost = loginHost;
  }

  public String pathPrefix() {
    return pathPrefix;
  }

  public String loginHost() {
    return loginHost;
  }

  /** Org has no sandbox accessor; its Organization row carries the flag. */
  public static LoginEnvironment of(Org org) {
    boolean sandbox =
        org.row(org.id()).map(row -> Boolean.TRUE.equals(row.get("IsSandbox"))).orElse(false);
    return sandbox ? SANDBOX : PRODUCTION;
  }
}
