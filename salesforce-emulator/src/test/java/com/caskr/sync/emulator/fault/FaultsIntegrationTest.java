package com.caskr.sync.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "emulator.admin.token=test-admin-token")
class FaultsIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ADMIN = "Bearer test-admin-token";

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired ConnectedApps apps;
  @Autowired Tokens tokens;

  Org org;
  ConnectedApp app;
  String token;

  @BeforeEach
  void newOrgWithAToken() {
    org =
        orgs.create(
            Orgs.Definition.named("Faults " + UUID.randomUUID(), DemoDistillery.users().getFirst())
                .withUsers(DemoDistillery.users())
                .withSchema(DemoDistillery.schema()));
    app = apps.create(org.id(), "Caskr Sync", "https://sync.caskr.example/cb");
    token = tokens.issue(app, org.adminUserId(), Set.of("api", "refresh_token")).token();
  }

  private HttpResponse<String> send(String method, String path, String auth, String body) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> fault(String kind, String body) {
    return send("POST", "/emulator/orgs/" + org.id() + "/faults/" + kind, ADMIN, body);
  }

  private HttpResponse<String> rest(String method, String path, String body) {
    return rest(token, method, path, body);
  }

  private HttpResponse<String> rest(String bearer, String method, String path, String body) {
    return send(method, "/services/data/v62.0" + path, "Bearer " + bearer, body);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  @Test
  void theAdminApiNeedsTheAdminToken() {
    String faults = "/emulator/orgs/" + org.id() + "/faults";

    assertThat(send("GET", faults, null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", faults, "Bearer " + token, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", faults, ADMIN, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/emulator/orgs/00DEm0000000000AAA/faults", ADMIN, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void answers503ForTheNextCallsThenRecovers() {
    assertThat(fault("unavailable", "{\"count\":2}").statusCode()).isEqualTo(201);
    JsonNode listed = json(send("GET", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null));
    assertThat(listed.get("faults").get(0).get("kind").asString()).isEqualTo("UNAVAILABLE");
    assertThat(listed.get("faults").get(0).get("remaining").asInt()).isEqualTo(2);

    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(503);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(503);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
    listed = json(send("GET", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null));
    assertThat(listed.get("faults").size()).isZero();
  }

  @Test
  void faultsStayInTheirOrg() {
    Org other =
        orgs.create(
            Orgs.Definition.named("Other " + UUID.randomUUID(), DemoDistillery.users().getFirst())
                .withSchema(DemoDistillery.schema()));
    ConnectedApp otherApp = apps.create(other.id(), "Other", "https://other.example/cb");
    String otherToken = tokens.issue(otherApp, other.adminUserId(), Set.of("api")).token();
    fault("unavailable", "{\"durationSeconds\":600}");

    assertThat(rest(otherToken, "GET", "/limits", null).statusCode()).isEqualTo(200);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(503);
    assertThat(send("DELETE", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null).statusCode())
        .isEqualTo(204);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
  }

  @Test
  void addsLatencyToRestCalls() {
    fault("latency", "{\"millis\":400,\"count\":1}");

    long start = System.nanoTime();
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void failsTheNextWritesWithUnableToLockRow() {
    fault("lock-row", "{\"count\":2}");

    var single = rest("POST", "/sobjects/Account", "{\"Name\":\"A\"}");
    assertThat(single.statusCode()).isEqualTo(400);
    assertThat(json(single).get(0).get("errorCode").asString()).isEqualTo("UNABLE_TO_LOCK_ROW");
    var rows =
        json(
            rest(
                "POST",
                "/composite/sobjects",
                "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"B\"},"
                    + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"C\"}]}"));
    assertThat(rows.get(0).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(rows.get(1).get("success").asBoolean()).isTrue();
    assertThat(org.count("Account", false)).isEqualTo(1);
  }

  @Test
  void exhaustsTheDailyApiAllocation() {
    assertThat(fault("api-limit", null).statusCode()).isEqualTo(200);

    var refused = rest("GET", "/limits", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get(0).get("errorCode").asString())
        .isEqualTo("REQUEST_LIMIT_EXCEEDED");
    send("DELETE", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
  }

  @Test
  void expiresOneTokenOrRevokesEveryTokenOfAUser() {
    String second = tokens.issue(app, org.adminUserId(), Set.of("api")).token();

    var expired = fault("tokens", "{\"action\":\"expire\",\"token\":\"" + token + "\"}");
    assertThat(json(expired).get("affected").asInt()).isEqualTo(1);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(401);
    assertThat(rest(second, "GET", "/limits", null).statusCode()).isEqualTo(200);

    fault("tokens", "{\"action\":\"revoke\",\"userId\":\"" + org.adminUserId() + "\"}");
    assertThat(rest(second, "GET", "/limits", null).statusCode()).isEqualTo(401);
    assertThat(fault("tokens", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void hardDeletesWithoutAChangeEventAndRefusesUnknownIdsWhole() {
    String id = org.create("Account", Map.of("Name", "Doomed"), Caller.user(org.adminUserId()));
    String kept = org.create("Account", Map.of("Name", "Kept"), Caller.user(org.adminUserId()));
    List<List<ChangeRecord>> changes = new CopyOnWriteArrayList<>();
    org.addListener(changes::add);

    var refused = fault("hard-delete", "{\"ids\":[\"" + kept + "\",\"001Em000000NOPEAAA\"]}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(org.row(kept)).isPresent();

    assertThat(fault("hard-delete", "{\"ids\":[\"" + id + "\"]}").statusCode()).isEqualTo(200);
    assertThat(org.row(id)).isEmpty();
    assertThat(changes).isEmpty();
    var all = json(rest("GET", "/queryAll?q=SELECT+Id+FROM+Account", null));
    assertThat(all.get("totalSize").asInt()).isEqualTo(1);
  }

  @Test
  void failsABulkJob() {
    var created =
        json(
            rest(
                "POST",
                "/jobs/query",
                "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}"));
    String jobId = created.get("id").asString();
    fault(
        "bulk-job-failure",
        "{\"jobId\":\"" + jobId + "\",\"message\":\"InternalError\",\"count\":1}");

    JsonNode status = json(rest("GET", "/jobs/query/" + jobId, null));
    assertThat(status.get("state").asString()).isEqualTo("Failed");
    assertThat(status.get("errorMessage").asString()).isEqualTo("InternalError");
    assertThat(rest("GET", "/jobs/query/" + jobId + "/results", null).statusCode()).isEqualTo(400);
  }

  @Test
  void refusesMalformedFaults() {
    assertThat(fault("unavailable", "{}").statusCode()).isEqualTo(400);
    assertThat(fault("unavailable", "{\"count\":0}").statusCode()).isEqualTo(400);
    assertThat(fault("latency", "{\"count\":1}").statusCode()).isEqualTo(400);
    assertThat(fault("unavailable", "not json").statusCode()).isEqualTo(400);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
  }
}
