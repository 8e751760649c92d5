package com.caskr.sync.ingest.testing;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import com.caskr.sync.emulator.pubsub.PubSubServer;
import com.caskr.sync.salesforce.oauth.ClientCredentials;
import com.caskr.sync.salesforce.oauth.JwtBearerTokenSource;
import com.caskr.sync.salesforce.oauth.LoginHost;
import com.caskr.sync.salesforce.oauth.OAuthClient;
import com.caskr.sync.salesforce.pubsub.Endpoint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The salesforce-emulator in this JVM on free ports (HTTP and Pub/Sub gRPC), shared by every test
 * of the JVM. Each test makes its own orgs; sessions come from the JWT bearer flow over real HTTP.
 */
public final class Emulator {

  public static final String ADMIN_TOKEN = "test-admin-token";
  private static final AtomicInteger ORGS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static volatile Emulator shared;

  private final ConfigurableApplicationContext context;

  private Emulator(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** The emulator of this JVM, started on first use. */
  public static Emulator shared() {
    Emulator current = shared;
    if (current == null) {
      synchronized (Emulator.class) {
        current = shared;
        if (current == null) {
          ConfigurableApplicationContext context =
              SalesforceEmulatorApplication.startInProcess(
                  "--emulator.admin.token=" + ADMIN_TOKEN, "--emulator.pubsub.keepalive=1s");
          current = new Emulator(context);
          Runtime.getRuntime().addShutdownHook(new Thread(context::close, "emulator-stop"));
          shared = current;
        }
      }
    }
    return current;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The emulator's Pub/Sub API (plaintext gRPC). */
  public Endpoint pubSub() {
    return Endpoint.plaintext("127.0.0.1", context.getBean(PubSubServer.class).port());
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /**
   * A fresh org with the demo schema (Caskr_Sync__e included) and no records, and a JWT bearer app
   * whose administrator is pre-authorised.
   */
  public OrgAccess newOrg(String name) {
    int n = ORGS.incrementAndGet();
    String username = "admin" + n + "-" + System.nanoTime() + "@ingest-tests.example";
    List<NewUser> users = new ArrayList<>();
    users.add(new NewUser(username, "Ada", "Admin" + n, username));
    Org org =
        bean(Orgs.class)
            .create(
                Orgs.Definition.named(name + " " + n, users.getFirst())
                    .withUsers(users)
                    .withSchema(DemoDistillery.schema()));
    KeyPair keys = rsaKeys();
    ConnectedApp app =
        bean(ConnectedApps.class)
            .save(
                bean(ConnectedApps.class)
                    .create(org.id(), "Caskr Sync", "http://127.0.0.1/callback")
                    .withPublicKey((RSAPublicKey) keys.getPublic())
                    .withPreAuthorizedUser(org.adminUserId()));
    var oauth =
        new OAuthClient(
            HTTP,
            LoginHost.of(baseUrl(), LoginHost.PRODUCTION_AUDIENCE),
            new ClientCredentials(app.clientId(), app.clientSecret()));
    return new OrgAccess(org, new JwtBearerTokenSource(oauth, username, keys.getPrivate()), this);
  }

  /** {@code POST /emulator/orgs/{org}/{path}} with a JSON body; returns the answer's body. */
  public String admin(Org org, String path, String json) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(baseUrl() + "/emulator/orgs/" + org.id() + "/" + path))
                  .header("Authorization", "Bearer " + ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            path + " refused: " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
