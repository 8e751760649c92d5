package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RestTestBeans.class)
class ApiGateIntegrationTest {

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired RestTestBeans.MintedSessions sessions;

  Org org;
  Api api;

  @BeforeEach
  void newOrg() {
    org = RestTestBeans.demoOrg(orgs, 1_000, false);
    api = new Api(port, sessions.mint(org));
  }

  @Test
  void refusesAMissingTokenWithInvalidSessionId() {
    var response = new Api(port, null).get("/services/data/v62.0/limits");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo(
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
  }

  @Test
  void refusesARevokedToken() {
    String token = sessions.mint(org);
    sessions.revoke(token);

    var response =
        new Api(port, token).get("/services/data/v62.0/query?q=" + Api.q("SELECT Id FROM Account"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Api.json(response).get(0).get("errorCode").asString())
        .isEqualTo("INVALID_SESSION_ID");
  }

  @Test
  void refusesASessionWithoutApiScope() {
    var response =
        new Api(port, sessions.mint(org, Set.of("openid", "refresh_token")))
            .get("/services/data/v62.0/limits");

    assertThat(response.statusCode()).isEqualTo(401);
    var error = Api.json(response).get(0);
    assertThat(error.get("errorCode").asString()).isEqualTo("INVALID_SESSION_ID");
    assertThat(error.get("message").asString()).isNotEqualTo("Session expired or invalid");
  }

  @Test
  void countsEveryCallInSforceLimitInfo() {
    var first = api.get("/services/data/v62.0/limits");
    var second = api.get("/services/data/v62.0/sobjects/Account/001000000000000AAA");

    assertThat(first.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1/1000");
    assertThat(second.statusCode()).isEqualTo(404);
    assertThat(second.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=2/1000");
  }

  @Test
  void answersAnExhaustedAllocationWith403RequestLimitExceededAndNoRetryAfter() {
    org.apiUsage().exhaust();

    var response = api.get("/services/data/v62.0/limits");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .isEqualTo(
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    assertThat(response.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1000/1000");
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void answersAnUnknownVersionWith404NotFound() {
    var tooOld = api.get("/services/data/v20.0/limits");
    var garbage = api.get("/services/data/latest/limits");

    assertThat(tooOld.statusCode()).isEqualTo(404);
    assertThat(Api.json(tooOld).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
    assertThat(garbage.statusCode()).isEqualTo(404);
    assertThat(tooOld.headers().firstValue("Sforce-Limit-Info")).isPresent();
  }

  @Test
  void answersAnUnknownResourceWith404NotFound() {
    var response = api.get("/services/data/v62.0/no/such/thing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Api.json(response).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void listsVersionsWithoutAToken() {
    var response = new Api(port, null).get("/services/data/");

    assertThat(response.statusCode()).isEqualTo(200);
    var versions = Api.json(response);
    assertThat(versions.size()).isEqualTo(34);
    var v62 = versions.get(62 - 31);
    assertThat(v62.get("version").asString()).isEqualTo("62.0");
    assertThat(v62.get("url").asString()).isEqualTo("/services/data/v62.0");
    assertThat(v62.get("label").asString()).isEqualTo("Winter '25");
  }

  @Test
  void reportsDailyApiRequestsInLimits() {
    api.get("/services/data/v62.0/limits");
    var response = api.get("/services/data/v62.0/limits");

    assertThat(response.statusCode()).isEqualTo(200);
    var daily = Api.json(response).get("DailyApiRequests");
    assertThat(daily.get("Max").asLong()).isEqualTo(1000);
    assertThat(daily.get("Remaining").asLong()).isEqualTo(998);
    assertThat(Api.json(response).has("DailyBulkV2QueryJobs")).isTrue();
  }
}
