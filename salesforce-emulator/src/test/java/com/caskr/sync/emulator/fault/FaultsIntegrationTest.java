package com.caskr.sync.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
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

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "emulator.admin.token=test-admin-token")
class FaultsIntegrationTest {

  private static final String ADMIN = Api.ADMIN_TOKEN;

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

  private HttpResponse<String> send(String method, String path, String bearer, String body) {
    return new Api(port, bearer).send(method, path, body);
  }

  private HttpResponse<String> fault(String kind, String body) {
    return send("POST", "/emulator/orgs/" + org.id() + "/faults/" + kind, ADMIN, body);
  }

  private HttpResponse<String> rest(String method, String path, String body) {
    return rest(token, method, path, body);
  }

  private HttpResponse<String> rest(String bearer, String method, String path, String body) {
    return send(method, "/services/data/v62.0" + path, bearer, body);
  }

  @Test
  void theAdminApiNeedsTheAdminToken() {
    String faults = "/emulator/orgs/" + org.id() + "/faults";

    assertThat(send("GET", faults, null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", faults, token, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", faults, ADMIN, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/emulator/orgs/00DEm0000000000AAA/faults", ADMIN, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void answers503ForTheNextCallsThenRecovers() {
    assertThat(fault("unavailable", "{\"count\":2}").statusCode()).isEqualTo(201);
    JsonNode listed = Api.json(send("GET", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null));
    assertThat(listed.get("faults").get(0).get("kind").asString()).isEqualTo("UNAVAILABLE");
    assertThat(listed.get("faults").get(0).get("remaining").asInt()).isEqualTo(2);

    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(503);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(503);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
    listed = Api.json(send("GET", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null));
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
    assertThat(Api.json(single).get(0).get("errorCode").asString()).isEqualTo("UNABLE_TO_LOCK_ROW");
    var rows =
        Api.json(
            rest(
                "POST",
                "/composite/sobjects",
                "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"B\"},"
                    + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"C\"}]}"));
    assertThat(rows.get(0).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(rows.get(1).get("success").asBoolean()).isTrue();
    assertThat(org.count("Account", false)).isEqualTo(1);

    String id = rows.get(1).get("id").asString();
    fault("lock-row", "{\"count\":1}");
    var locked = rest("PATCH", "/sobjects/Account/" + id, "{\"Phone\":\"1\"}");
    assertThat(Api.json(locked).get(0).get("errorCode").asString()).isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(rest("PATCH", "/sobjects/Account/" + id, "{\"Phone\":\"2\"}").statusCode())
        .isEqualTo(204);

    // The lock hits a row, not the transaction around an allOrNone call.
    fault("lock-row", "{\"count\":1}");
    var rolledBack =
        rest(
            "POST",
            "/composite/sobjects",
            "{\"allOrNone\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},"
                + "\"Name\":\"D\"},{\"attributes\":{\"type\":\"Account\"},\"Name\":\"E\"}]}");
    assertThat(rolledBack.statusCode()).isEqualTo(200);
    assertThat(Api.json(rolledBack).get(0).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(Api.json(rolledBack).get(1).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(org.count("Account", false)).isEqualTo(1);
  }

  @Test
  void exhaustsTheDailyApiAllocation() {
    assertThat(fault("api-limit", null).statusCode()).isEqualTo(200);

    var refused = rest("GET", "/limits", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Api.json(refused).get(0).get("errorCode").asString())
        .isEqualTo("REQUEST_LIMIT_EXCEEDED");
    send("DELETE", "/emulator/orgs/" + org.id() + "/faults", ADMIN, null);
    assertThat(rest("GET", "/limits", null).statusCode()).isEqualTo(200);
  }

  @Test
  void expiresOneTokenOrRevokesEveryTokenOfAUser() {
    String second = tokens.issue(app, org.adminUserId(), Set.of("api")).token();

    var expired = fault("tokens", "{\"action\":\"expire\",\"token\":\"" + token + "\"}");
    assertThat(Api.json(expired).get("affected").asInt()).isEqualTo(1);
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
    var all = Api.json(rest("GET", "/queryAll?q=SELECT+Id+FROM+Account", null));
    assertThat(all.get("totalSize").asInt()).isEqualTo(1);
  }

  @Test
  void failsABulkJob() {
    var created =
        Api.json(
            rest(
                "POST",
                "/jobs/query",
                "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}"));
    String jobId = created.get("id").asString();
    fault(
        "bulk-job-failure",
        "{\"jobId\":\"" + jobId + "\",\"message\":\"InternalError\",\"count\":1}");

    JsonNode status = Api.json(rest("GET", "/jobs/query/" + jobId, null));
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
