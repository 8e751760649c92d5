package com.caskr.sync.salesforce.testing;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.salesforce.oauth.ClientCredentials;
import com.caskr.sync.salesforce.oauth.JwtBearerTokenSource;
import com.caskr.sync.salesforce.oauth.LoginHost;
import com.caskr.sync.salesforce.oauth.OAuthClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The salesforce-emulator running in this JVM on a random port, started once and shared by every
 * test (stopped at JVM exit). Tests talk to it over real HTTP at {@link #baseUrl()} and arrange
 * state through its beans: each test creates its own org ({@link #newOrg}) so tests never see each
 * other's records, API counters or tokens.
 */
public final class SalesforceEmulatorFixture {

  /** The admin token of the emulator's {@code /emulator/**} API in tests. */
  public static final String ADMIN_TOKEN = "test-admin-token";

  /** Every emulator user's password unless a test sets another. */
  public static final String PASSWORD = "password";

  private static final HttpClient ADMIN_HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger ORGS = new AtomicInteger();
  private static volatile SalesforceEmulatorFixture shared;

  private final ConfigurableApplicationContext context;
  private final String baseUrl;

  private SalesforceEmulatorFixture(ConfigurableApplicationContext context) {
    this.context = context;
    this.baseUrl =
        "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
  }

  /** The emulator of this JVM, started on first use. */
  public static SalesforceEmulatorFixture shared() {
    SalesforceEmulatorFixture current = shared;
    if (current == null) {
      synchronized (SalesforceEmulatorFixture.class) {
        current = shared;
        if (current == null) {
          ConfigurableApplicationContext context =
              SalesforceEmulatorApplication.startInProcess(
                  "--emulator.admin.token=" + ADMIN_TOKEN,
                  "--management.endpoints.web.exposure.include=health");
          current = new SalesforceEmulatorFixture(context);
          Runtime.getRuntime().addShutdownHook(new Thread(context::close, "emulator-stop"));
          shared = current;
        }
      }
    }
    return current;
  }

  /** {@code http://127.0.0.1:<port>}: the instance URL and the production login host. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The sandbox login host of the emulator. */
  public String sandboxLoginUrl() {
    return baseUrl + "/sandbox";
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public Orgs orgs() {
    return bean(Orgs.class);
  }

  public ConnectedApps apps() {
    return bean(ConnectedApps.class);
  }

  /** A fresh, empty production org whose only user is its administrator ({@link #PASSWORD}). */
  public Org newOrg(String name) {
    return orgs().create(Orgs.Definition.named(name, admin()));
  }

  /** A fresh, empty production org with its own schema (e.g. an extra non-unique external id). */
  public Org newOrg(String name, Schema schema) {
    return orgs().create(Orgs.Definition.named(name, admin()).withSchema(schema));
  }

  /** A fresh, empty sandbox org whose only user is its administrator. */
  public Org newSandboxOrg(String name) {
    return orgs().create(Orgs.Definition.named(name, admin()).asSandbox());
  }

  /** The administrator's username of an org made by this fixture. */
  public static String adminUsername(Org org) {
    return org.row(org.adminUserId()).map(row -> (String) row.get("Username")).orElseThrow();
  }

  /**
   * A connected app of {@code org} for the JWT bearer flow (and the web-server flow to {@code
   * redirectUri}): an RSA key pair whose public half is registered, with the administrator
   * pre-authorised.
   */
  public JwtApp jwtApp(Org org, String redirectUri) {
    KeyPair keys = rsaKeys();
    ConnectedApp app =
        apps()
            .save(
                apps()
                    .create(org.id(), "Caskr Sync", redirectUri)
                    .withPublicKey((RSAPublicKey) keys.getPublic())
                    .withPreAuthorizedUser(org.adminUserId()));
    return new JwtApp(app, keys, adminUsername(org));
  }

  /**
   * Access tokens for {@code org}'s administrator by the JWT bearer flow, through a new {@link
   * #jwtApp} and this emulator as the production login host.
   */
  public JwtBearerTokenSource jwtTokens(Org org, HttpClient http) {
    JwtApp app = jwtApp(org, "http://127.0.0.1/callback");
    var oauth =
        new OAuthClient(
            http,
            LoginHost.of(baseUrl(), LoginHost.PRODUCTION_AUDIENCE),
            new ClientCredentials(app.clientId(), app.clientSecret()));
    return new JwtBearerTokenSource(oauth, app.username(), app.keys().getPrivate());
  }

  /**
   * Injects a fault through the emulator's admin API: {@code POST
   * /emulator/orgs/{org}/faults/{kind}} with a JSON body (e.g. {@code unavailable}, {@code
   * {"count":1}}).
   */
  public void fault(Org org, String kind, String json) {
    try {
      HttpResponse<String> response =
          ADMIN_HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(baseUrl + "/emulator/orgs/" + org.id() + "/faults/" + kind))
                  .header("Authorization", "Bearer " + ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            "Fault " + kind + " refused: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Replaces an app (e.g. after {@code withRefreshTokenRotation(true)}). */
  public ConnectedApp save(ConnectedApp app) {
    return apps().save(app);
  }

  /**
   * A connected app and the key that signs its JWT assertions.
   *
   * @param username the pre-authorised user (the org's administrator)
   */
  public record JwtApp(ConnectedApp app, KeyPair keys, String username) {

    public String clientId() {
      return app.clientId();
    }

    public String clientSecret() {
      return app.clientSecret();
    }
  }

  private static NewUser admin() {
    int n = ORGS.incrementAndGet();
    String username = "admin" + n + "-" + System.nanoTime() + "@client-tests.example";
    return new NewUser(username, "Ada", "Admin" + n, "admin" + n + "@client-tests.example");
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
