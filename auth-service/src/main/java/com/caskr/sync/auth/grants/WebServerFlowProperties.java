package com.caskr.sync.auth.grants;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connect flow's side of the connected app ({@code auth.salesforce.*} next to the client id):
 * the callback registered on the app, the scopes asked for, and the login hosts.
 *
 * @param redirectUri the callback URL registered on the connected app ({@code
 *     auth.salesforce.redirect-uri}, {@code AUTH_SALESFORCE_REDIRECT_URI})
 * @param scopes asked for at authorize; {@code refresh_token} is needed to stay connected
 * @param login where admins log in
 */
@ConfigurationProperties("auth.salesforce")
public record WebServerFlowProperties(URI redirectUri, Set<String> scopes, Login login) {

  public WebServerFlowProperties {
    if (redirectUri != null
        && (redirectUri.getHost() == null
            || !("https".equals(redirectUri.getScheme()) || "http".equals(redirectUri.getScheme()))
            || redirectUri.getRawQuery() != null
            || redirectUri.getRawFragment() != null)) {
      throw new IllegalArgumentException(
          "auth.salesforce.redirect-uri must be an absolute http(s) URL without query or fragment: "
              + redirectUri);
    }
    scopes =
        scopes == null || scopes.isEmpty() ? Set.of("api", "refresh_token") : Set.copyOf(scopes);
    login = login == null ? new Login(null, null, null) : login;
  }

  /**
   * @param production login.salesforce.com unless set (the emulator's base URL in tests)
   * @param sandbox test.salesforce.com unless set (the emulator's {@code …/sandbox})
   * @param extraHosts {@code host[:port]} accepted as a custom domain besides Salesforce's My
   *     Domain hosts: the emulator in tests and on the local stack, never a real deployment's need
   */
  public record Login(URI production, URI sandbox, List<String> extraHosts) {

    public Login {
      production = production == null ? URI.create("https://login.salesforce.com") : production;
      sandbox = sandbox == null ? URI.create("https://test.salesforce.com") : sandbox;
      extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }
  }
}
