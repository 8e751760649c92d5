package com.caskr.sync.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connected app auth-service's connect flow uses on the local stack: created on the emulator's
 * demo org through the emulator's admin API, with auth-service's callback, at every start (the
 * emulator keeps apps in memory only).
 *
 * @param orgId the demo org
 * @param consumerKey the app's client id
 * @param consumerSecret shown once by the emulator; goes to auth-service only, never printed
 * @param username a demo org user to log in at the emulator with (password {@code password})
 */
record DemoOrgApp(String orgId, String consumerKey, String consumerSecret, String username) {

  /** The org the emulator seeds at start-up (salesforce-emulator's DemoDistillery). */
  static final String DEMO_ORG_NAME = "Kinsale Craft Distilling";

  /** The emulator's default admin token, unless EMULATOR_ADMIN_TOKEN says otherwise. */
  static final String DEFAULT_ADMIN_TOKEN = "local-admin-token";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /**
   * Creates the app on the running emulator.
   *
   * @throws StartFailure when the emulator refuses or has no demo org
   */
  static DemoOrgApp create(String emulatorBase, String adminToken, String callbackUrl)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    JsonNode orgs = call(http, emulatorBase, adminToken, "GET", "/emulator/orgs", null);
    String orgId = null;
    for (JsonNode org : orgs) {
      if (DEMO_ORG_NAME.equals(org.path("name").asString(""))) {
        orgId = org.path("id").asString();
      }
    }
    if (orgId == null) {
      throw new StartFailure(
          "The emulator has no org named '" + DEMO_ORG_NAME + "': cannot set up the connect flow.");
    }
    String username = null;
    for (JsonNode user : call(http, emulatorBase, adminToken, "GET", usersPath(orgId), null)) {
      if (user.path("admin").asBoolean(false) || username == null) {
        username = user.path("username").asString();
      }
    }
    JsonNode app =
        call(
            http,
            emulatorBase,
            adminToken,
            "POST",
            "/emulator/orgs/" + orgId + "/connected-apps",
            JSON.writeValueAsString(
                Map.of("name", "caskr-sync (local stack)", "callbackUrl", callbackUrl)));
    return new DemoOrgApp(
        orgId, app.path("consumerKey").asString(), app.path("consumerSecret").asString(), username);
  }

  private static String usersPath(String orgId) {
    return "/emulator/orgs/" + orgId + "/users";
  }

  private static JsonNode call(
      HttpClient http, String base, String adminToken, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new StartFailure(
          "The emulator's admin API answered "
              + response.statusCode()
              + " to "
              + method
              + " "
              + path
              + (response.statusCode() == 401
                  ? " (is EMULATOR_ADMIN_TOKEN set to another value than the launcher's?)"
                  : ": " + response.body()));
    }
    return JSON.readTree(response.body());
  }

  @Override
  public String toString() {
    return "DemoOrgApp[orgId=" + orgId + ", consumerKey=" + consumerKey + "]";
  }
}
