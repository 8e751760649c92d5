package com.caskr.sync.auth.testing;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.LoginEnvironment;
import com.caskr.sync.emulator.oauth.OAuthServer;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The salesforce-emulator in this JVM on free ports, shared by every test of the JVM. It reads its
 * own {@code application.yml} (this service's one comes first on the classpath) and none of this
 * service's database or Kafka auto-configuration.
 */
public final class Emulator {

  private static final String CALLBACK = "http://127.0.0.1/auth-service/callback";
  private static final AtomicInteger ORGS = new AtomicInteger();

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
                  "--emulator.admin.token=test-admin-token");
          current = new Emulator(context);
          Runtime.getRuntime().addShutdownHook(new Thread(context::close, "emulator-stop"));
          shared = current;
        }
      }
    }
    return current;
  }

  /** {@code 127.0.0.1:<port>}: the login host column of a connection made at the emulator. */
  public String loginHost() {
    return "127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public String baseUrl() {
    return "http://" + loginHost();
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** A fresh org, its administrator and a connected app for it. */
  public OrgWithApp newOrgWithApp(String name) {
    int n = ORGS.incrementAndGet();
    String username = "admin" + n + "-" + System.nanoTime() + "@auth-tests.example";
    Org org =
        bean(Orgs.class)
            .create(
                Orgs.Definition.named(name, new NewUser(username, "Ada", "Admin" + n, username)));
    ConnectedApp app = bean(ConnectedApps.class).create(org.id(), "Caskr Sync", CALLBACK);
    return new OrgWithApp(org, app, username);
  }

  /**
   * A fresh org (a sandbox if {@code sandbox}), its administrator (password {@code password}) and a
   * connected app whose callback is {@code callback}.
   */
  public OrgWithApp newOrgWithApp(String name, boolean sandbox, String callback) {
    int n = ORGS.incrementAndGet();
    String username = "admin" + n + "-" + System.nanoTime() + "@auth-tests.example";
    Orgs.Definition definition =
        Orgs.Definition.named(name, new NewUser(username, "Ada", "Admin" + n, username));
    Org org = bean(Orgs.class).create(sandbox ? definition.asSandbox() : definition);
    ConnectedApp app = bean(ConnectedApps.class).create(org.id(), "Caskr Sync", callback);
    return new OrgWithApp(org, app, username);
  }

  /**
   * What Salesforce does when the org's administrator logs in and clicks Allow on {@code
   * authorizeUrl}: the code is minted as the consent page would (the browser test clicks the real
   * pages), and the callback URL the browser is sent to comes back.
   */
  public URI approve(URI authorizeUrl, OrgWithApp target) {
    Map<String, String> query = new java.util.HashMap<>();
    for (String pair : authorizeUrl.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(
          java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    LoginEnvironment environment =
        authorizeUrl.getPath().startsWith("/sandbox/")
            ? LoginEnvironment.SANDBOX
            : LoginEnvironment.PRODUCTION;
    String code =
        bean(OAuthServer.class)
            .issueCode(
                environment,
                target.app(),
                target.org().userIdByUsername(target.username()).orElseThrow(),
                query.get("redirect_uri"),
                query.get("scope"),
                query.get("code_challenge"));
    return URI.create(
        query.get("redirect_uri")
            + "?code="
            + URLEncoder.encode(code, StandardCharsets.UTF_8)
            + "&state="
            + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
  }

  /** Replaces an app (e.g. after {@code withRefreshTokenRotation(true)}). */
  public ConnectedApp save(ConnectedApp app) {
    return bean(ConnectedApps.class).save(app);
  }

  /**
   * Revokes a token at the emulator's {@code /services/oauth2/revoke}, as an admin's "Revoke" in
   * Salesforce does (a refresh token takes its access tokens with it).
   */
  public void revoke(String token) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/services/oauth2/revoke"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("revoke answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An org, its connected app and its administrator, who consented once. */
  public record OrgWithApp(Org org, ConnectedApp app, String username) {

    /**
     * auth-service's settings for a test against this org: a fresh vault keyset, this connected
     * app, and {@code caller} as the one internal caller, with {@code callerSecret}.
     */
    public void configureAuthService(
        org.springframework.test.context.DynamicPropertyRegistry registry,
        String caller,
        String callerSecret) {
      registry.add("auth.vault.keyset.json", com.caskr.sync.auth.vault.TokenVault::newJsonKeyset);
      registry.add("auth.salesforce.client-id", app::clientId);
      registry.add("auth.salesforce.client-secret", app::clientSecret);
      registry.add("auth.internal.callers." + caller, () -> callerSecret);
    }
  }

  /**
   * What an admin holds after approving the app: the code is minted as the consent page would, then
   * redeemed at the token endpoint over HTTP. Returns the token response's fields.
   */
  public Map<String, String> consent(OrgWithApp target) {
    String code =
        bean(OAuthServer.class)
            .issueCode(
                LoginEnvironment.PRODUCTION,
                target.app(),
                target.org().userIdByUsername(target.username()).orElseThrow(),
                CALLBACK,
                "api refresh_token",
                null);
    String form =
        Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "client_id",
                target.app().clientId(),
                "client_secret",
                target.app().clientSecret(),
                "redirect_uri",
                CALLBACK)
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/services/oauth2/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("token endpoint answered " + response.statusCode());
      }
      var body = JsonMapper.builder().build().readTree(response.body());
      return Map.of(
          "access_token", body.get("access_token").asString(),
          "refresh_token", body.get("refresh_token").asString(),
          "issued_at", body.get("issued_at").asString(),
          "instance_url", body.get("instance_url").asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
