package com.caskr.sync.auth.grants;

import com.caskr.sync.salesforce.oauth.LoginHost;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where an admin logs in and where a connection's token requests go. A connection row keeps only
 * {@code host[:port]}; production and sandbox hosts map back to their configured URLs (the emulator
 * serves sandboxes under a path), a custom domain to {@code https://host} ({@code http} only for
 * loopback).
 *
 * <p>A custom domain must be a Salesforce My Domain host ({@code acme.my.salesforce.com}, {@code
 * acme--uat.sandbox.my.salesforce.com}, {@code acme-dev-ed.develop.my.salesforce.com}, …) or one of
 * the configured extra hosts, so the connect flow cannot be pointed at someone else's server.
 */
public final class LoginHosts {

  private static final Pattern MY_DOMAIN =
      Pattern.compile(
          "^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?"
              + "(?:\\.(?:sandbox|develop|scratch|patch|demo|trailblaze))?"
              + "\\.my\\.salesforce\\.com$");

  private final URI production;
  private final URI sandbox;
  private final Set<String> extraHosts;

  public LoginHosts(URI production, URI sandbox, List<String> extraHosts) {
    this.production = production;
    this.sandbox = sandbox;
    this.extraHosts =
        extraHosts.stream()
            .map(h -> h.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    // Fails at start-up on a bad URL rather than at the first connect.
    new LoginHost(production, LoginHost.PRODUCTION_AUDIENCE);
    new LoginHost(sandbox, LoginHost.SANDBOX_AUDIENCE);
  }

  static LoginHosts of(WebServerFlowProperties.Login login) {
    return new LoginHosts(login.production(), login.sandbox(), login.extraHosts());
  }

  /**
   * The {@code host[:port]} a new connection to {@code environment} logs in at.
   *
   * @throws IllegalArgumentException when a custom domain is missing or not a My Domain host
   */
  public String forNewConnection(SalesforceEnvironment environment, String myDomain) {
    return switch (environment) {
      case PRODUCTION -> production.getRawAuthority();
      case SANDBOX -> sandbox.getRawAuthority();
      case CUSTOM_DOMAIN -> myDomainHost(myDomain);
    };
  }

  /** The base URL and JWT audience of a stored connection's login host. */
  public LoginHost forConnection(String hostAndPort, SalesforceEnvironment environment) {
    if (environment == SalesforceEnvironment.PRODUCTION
        && hostAndPort.equalsIgnoreCase(production.getRawAuthority())) {
      return new LoginHost(production, LoginHost.PRODUCTION_AUDIENCE);
    }
    if (environment == SalesforceEnvironment.SANDBOX
        && hostAndPort.equalsIgnoreCase(sandbox.getRawAuthority())) {
      return new LoginHost(sandbox, LoginHost.SANDBOX_AUDIENCE);
    }
    String host = hostAndPort.replaceFirst(":[0-9]+$", "");
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1");
    String audience =
        environment == SalesforceEnvironment.SANDBOX
            ? LoginHost.SANDBOX_AUDIENCE
            : LoginHost.PRODUCTION_AUDIENCE;
    return new LoginHost(URI.create((loopback ? "http://" : "https://") + hostAndPort), audience);
  }

  private String myDomainHost(String myDomain) {
    if (myDomain == null || myDomain.isBlank()) {
      throw new IllegalArgumentException(
          "A custom domain connection needs the org's My Domain host, e.g."
              + " acme.my.salesforce.com");
    }
    String host = myDomain.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("https://")) {
      host = host.substring("https://".length());
    }
    if (host.endsWith("/")) {
      host = host.substring(0, host.length() - 1);
    }
    if (MY_DOMAIN.matcher(host).matches() || extraHosts.contains(host)) {
      return host;
    }
    throw new IllegalArgumentException(
        "Not a Salesforce My Domain host: use the host of your org's My Domain, e.g."
            + " acme.my.salesforce.com or acme--uat.sandbox.my.salesforce.com");
  }
}
