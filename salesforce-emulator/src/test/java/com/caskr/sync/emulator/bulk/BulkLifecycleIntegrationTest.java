package com.caskr.sync.emulator.bulk;

import static com.caskr.sync.emulator.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Faults;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BulkTestBeans.class)
// These tests move the shared test clock by days; later classes must not inherit that.
@DirtiesContext
class BulkLifecycleIntegrationTest {

  private static final String BASE = "/services/data/v62.0";
  private static final String JOB =
      "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}";

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired TestClock clock;
  @Autowired BulkTestBeans.MintedSessions sessions;

  Org org;
  String token;

  @BeforeEach
  void newOrg() {
    org = BulkTestBeans.demoOrg(orgs, 1_000_000);
    token = sessions.mint(org);
  }

  private HttpResponse<String> send(String method, String path, String body) {
    return new Api(port, token).send(method, BASE + path, body);
  }

  private String createJob() {
    var response = send("POST", "/jobs/query", JOB);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("id").asString();
  }

  private String state(String jobId) {
    return json(send("GET", "/jobs/query/" + jobId, null)).get("state").asString();
  }

  @Test
  void theNextJobFailsWithAnErrorMessageWhenAFaultIsInjected() {
    org.faults().add(Faults.Kind.BULK_JOB_FAILURE, 1L, null, null, null, null);
    String failing = createJob();
    String fine = createJob();

    JsonNode status = json(send("GET", "/jobs/query/" + failing, null));
    assertThat(status.get("state").asString()).isEqualTo("Failed");
    assertThat(status.get("errorMessage").asString()).contains("InternalServerError");
    assertThat(state(failing)).isEqualTo("Failed");
    assertThat(state(fine)).isEqualTo("InProgress");
    assertThat(state(fine)).isEqualTo("JobComplete");
    var results = send("GET", "/jobs/query/" + failing + "/results", null);
    assertThat(json(results).get(0).get("errorCode").asString()).isEqualTo("JOB_NOT_COMPLETE");
  }

  @Test
  void deletesTerminalJobsSevenDaysAfterTheyEnded() {
    String done = createJob();
    state(done);
    state(done);
    String running = createJob();
    state(running);

    clock.advance(Duration.ofDays(7).minusMinutes(1));
    assertThat(send("GET", "/jobs/query/" + done, null).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(2));
    assertThat(send("GET", "/jobs/query/" + done, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/jobs/query/" + running, null).statusCode()).isEqualTo(200);
    JsonNode listed = json(send("GET", "/jobs/query", null));
    assertThat(listed.get("records").size()).isEqualTo(1);
  }

  @Test
  void countsDailyQueryJobsInLimitsAndRefusesJobsBeyondThem() {
    org.bulkQueryJobs().allocate(2);
    createJob();
    var badQuery = send("POST", "/jobs/query", "{\"operation\":\"query\",\"query\":\"SELECT\"}");
    assertThat(badQuery.statusCode()).isEqualTo(400);

    JsonNode limits = json(send("GET", "/limits", null)).get("DailyBulkV2QueryJobs");
    assertThat(limits.get("Max").asLong()).isEqualTo(2);
    assertThat(limits.get("Remaining").asLong()).isEqualTo(1);

    createJob();
    var refused = send("POST", "/jobs/query", JOB);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get(0).get("errorCode").asString()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(json(send("GET", "/jobs/query", null)).get("records").size()).isEqualTo(2);

    clock.advance(Duration.ofHours(24).plusMinutes(1));
    assertThat(send("POST", "/jobs/query", JOB).statusCode()).isEqualTo(200);
  }
}
