package com.caskr.sync.fidelity;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.LoginEnvironment;
import com.caskr.sync.emulator.oauth.OAuthServer;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.Schema;
import com.caskr.sync.emulator.pubsub.PubSubServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator application as deployed, started in this JVM on free ports, with one fresh org, a
 * connected app, and a refresh token for it: what an admin holds after approving the app once in
 * the browser, and what Camel's refresh-token login is configured with.
 */
final class RunningEmulator implements AutoCloseable {

  static final String USERNAME = "integration@fidelity.example";
  private static final String CALLBACK = "http://127.0.0.1/camel/callback";

  private final ConfigurableApplicationContext context;
  private final Org org;
  private final ConnectedApp app;

  private RunningEmulator(ConfigurableApplicationContext context, Org org, ConnectedApp app) {
    this.context = context;
    this.org = org;
    this.app = app;
  }

  static RunningEmulator start() {
    ConfigurableApplicationContext context = SalesforceEmulatorApplication.startInProcess();
    Org org =
        context
            .getBean(Orgs.class)
            .create(
                Orgs.Definition.named(
                        "Camel Fidelity", new NewUser(USERNAME, "Ada", "Camel", USERNAME))
                    .withSchema(distillerySchema()));
    ConnectedApps apps = context.getBean(ConnectedApps.class);
    ConnectedApp app = apps.create(org.id(), "Apache Camel", CALLBACK);
    return new RunningEmulator(context, org, app);
  }

  /** The standard schema with the industries a distillery's customers are in, as orgs edit it. */
  private static Schema distillerySchema() {
    List<String> industries = new ArrayList<>(Schema.DEFAULT_INDUSTRIES);
    industries.addAll(List.of("Restaurants", "Hospitality", "Wholesale"));
    return Schema.standard().withPicklistValues("Account", "Industry", industries, true);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  int pubSubPort() {
    return context.getBean(PubSubServer.class).port();
  }

  Org org() {
    return org;
  }

  String clientId() {
    return app.clientId();
  }

  String clientSecret() {
    return app.clientSecret();
  }

  /**
   * A second connected app for JWT bearer: the certificate uploaded on it, the integration user
   * pre-authorized, as an admin sets up server-to-server access.
   *
   * @return the app's consumer key, the assertion's {@code iss}
   */
  String jwtClientId(String certificatePem) {
    ConnectedApps apps = context.getBean(ConnectedApps.class);
    return apps.save(
            apps.create(org.id(), "Apache Camel JWT", CALLBACK)
                .withCertificate(certificatePem)
                .withPreAuthorizedUser(org.userIdByUsername(USERNAME).orElseThrow()))
        .clientId();
  }

  /**
   * A refresh token from the authorization-code grant: the code is minted as the consent page would
   * (the pages have their own tests), then redeemed at the token endpoint over HTTP.
   */
  String refreshToken() throws IOException, InterruptedException {
    String code =
        context
            .getBean(OAuthServer.class)
            .issueCode(
                LoginEnvironment.PRODUCTION,
                app,
                org.userIdByUsername(USERNAME).orElseThrow(),
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
                app.clientId(),
                "client_secret",
                app.clientSecret(),
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
        throw new IllegalStateException("Token endpoint answered " + response.statusCode());
      }
      return JsonMapper.builder().build().readTree(response.body()).get("refresh_token").asString();
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
