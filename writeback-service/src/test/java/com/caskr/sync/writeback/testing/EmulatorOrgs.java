package com.caskr.sync.writeback.testing;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.salesforce.oauth.Session;
import com.caskr.sync.salesforce.oauth.TokenSource;
import com.caskr.sync.writeback.salesforce.Connections;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The salesforce-emulator in this JVM (free ports), its orgs, and {@link Connections} that hand out
 * real emulator sessions in place of auth-service: a refresh after a 401 issues a new token, as
 * auth-service would.
 */
public final class EmulatorOrgs implements Connections {

  private static volatile ConfigurableApplicationContext emulator;
  private static final AtomicInteger ORGS = new AtomicInteger();

  private final Map<Long, TestOrg> byCompany = new ConcurrentHashMap<>();

  /** A fresh org connected to {@code companyId}. */
  public TestOrg connect(long companyId, String name) {
    ConfigurableApplicationContext context = emulator();
    int n = ORGS.incrementAndGet();
    String username = "admin" + n + "-" + System.nanoTime() + "@writeback-tests.example";
    Org org =
        context
            .getBean(Orgs.class)
            .create(Orgs.Definition.named(name, new NewUser(username, "Ada", "Admin", username)));
    ConnectedApp app =
        context.getBean(ConnectedApps.class).create(org.id(), "Caskr Sync", "http://127.0.0.1/cb");
    TestOrg testOrg =
        new TestOrg(
            org,
            new EmulatorTokens(context.getBean(Tokens.class), app, org.adminUserId(), baseUrl()));
    byCompany.put(companyId, testOrg);
    return testOrg;
  }

  @Override
  public Connection connect(long companyId) {
    TestOrg org = byCompany.get(companyId);
    if (org == null) {
      throw new com.caskr.sync.writeback.plan.CallFailed(
          com.caskr.sync.writeback.plan.CallFailed.Reason.NOT_AUTHORISED,
          "company " + companyId + " is not connected",
          null);
    }
    return new Connection(org.org().id(), org.tokens());
  }

  public static <T> T bean(Class<T> type) {
    return emulator().getBean(type);
  }

  private static URI baseUrl() {
    return URI.create(
        "http://127.0.0.1:" + ((WebServerApplicationContext) emulator()).getWebServer().getPort());
  }

  private static ConfigurableApplicationContext emulator() {
    ConfigurableApplicationContext current = emulator;
    if (current == null) {
      synchronized (EmulatorOrgs.class) {
        current = emulator;
        if (current == null) {
          current =
              SalesforceEmulatorApplication.startInProcess(
                  "--emulator.admin.token=test-admin-token");
          Runtime.getRuntime().addShutdownHook(new Thread(current::close, "emulator-stop"));
          emulator = current;
        }
      }
    }
    return current;
  }

  /** An org and the token source the service uses for it. */
  public record TestOrg(Org org, EmulatorTokens tokens) {}

  /** Sessions of the org's administrator, minted by the emulator's token store. */
  public static final class EmulatorTokens implements TokenSource {

    private final Tokens tokens;
    private final ConnectedApp app;
    private final String userId;
    private final URI instance;
    private final AtomicInteger refreshes = new AtomicInteger();
    private Session current;

    EmulatorTokens(Tokens tokens, ConnectedApp app, String userId, URI instance) {
      this.tokens = tokens;
      this.app = app;
      this.userId = userId;
      this.instance = instance;
    }

    @Override
    public synchronized Session session() {
      if (current == null) {
        current = issue();
      }
      return current;
    }

    @Override
    public synchronized Session refresh(Session rejected) {
      if (current != null && !current.accessToken().equals(rejected.accessToken())) {
        return current;
      }
      refreshes.incrementAndGet();
      current = issue();
      return current;
    }

    /** How many times a refused session was replaced. */
    public int refreshes() {
      return refreshes.get();
    }

    private Session issue() {
      return new Session(tokens.issue(app, userId, Set.of("api")).token(), instance);
    }
  }
}
