package com.caskr.sync.salesforce.oauth;

import java.net.URI;

/**
 * Where the OAuth endpoints live and which audience a JWT bearer assertion names.
 *
 * @param baseUrl the host (and optional path prefix) under which {@code /services/oauth2/…} lives
 * @param audience the JWT {@code aud}: {@code https://login.salesforce.com} for production orgs,
 *     {@code https://test.salesforce.com} for sandboxes, or an Experience Cloud site URL
 */
public record LoginHost(URI baseUrl, String audience) {

  public static final String PRODUCTION_AUDIENCE = "https://login.salesforce.com";
  public static final String SANDBOX_AUDIENCE = "https://test.salesforce.com";

  /** login.salesforce.com. */
  public static final LoginHost PRODUCTION =
      new LoginHost(URI.create(PRODUCTION_AUDIENCE), PRODUCTION_AUDIENCE);

  /** test.salesforce.com. */
  public static final LoginHost SANDBOX =
      new LoginHost(URI.create(SANDBOX_AUDIENCE), SANDBOX_AUDIENCE);

  public LoginHost {
    if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("A login host needs an absolute URL: " + baseUrl);
    }
    if (!"https".equals(baseUrl.getScheme()) && !isLoopback(baseUrl.getHost())) {
      throw new IllegalArgumentException("A login host must use https: " + baseUrl);
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("A login host needs a JWT audience");
    }
    String text = baseUrl.toString();
    baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  /** A My Domain or test host ({@code http} only for loopback) with the audience it accepts. */
  public static LoginHost of(String baseUrl, String audience) {
    return new LoginHost(URI.create(baseUrl), audience);
  }

  URI endpoint(String name) {
    return URI.create(baseUrl + "/services/oauth2/" + name);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }
}
