package com.caskr.sync.emulator.bulk;

import static com.caskr.sync.emulator.Api.JSON;
import static com.caskr.sync.emulator.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BulkTestBeans.class)
class BulkQueryIntegrationTest {

  private static final String JOBS = "/services/data/v62.0/jobs/query";

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired BulkTestBeans.MintedSessions sessions;

  private Org org() {
    return BulkTestBeans.demoOrg(orgs, 1_000_000);
  }

  private HttpResponse<String> send(Org org, String method, String path, String body) {
    return send(sessions.mint(org), method, path, body);
  }

  private HttpResponse<String> send(String token, String method, String path, String body) {
    return new Api(port, token).send(method, path, body);
  }

  private static String jobBody(String operation, String soql) {
    return JSON.writeValueAsString(
        Map.of(
            "operation",
            operation,
            "query",
            soql,
            "contentType",
            "CSV",
            "columnDelimiter",
            "COMMA",
            "lineEnding",
            "LF"));
  }

  private String create(String token, String operation, String soql) {
    var response = send(token, "POST", JOBS, jobBody(operation, soql));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("id").asString();
  }

  /** Polls as a client does, returning every state seen; bounded so a stuck job fails. */
  private List<String> pollUntilDone(String token, String jobId) {
    var states = new ArrayList<String>();
    for (int i = 0; i < 10; i++) {
      var response = send(token, "GET", JOBS + "/" + jobId, null);
      assertThat(response.statusCode()).isEqualTo(200);
      String state = json(response).get("state").asString();
      states.add(state);
      if (state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted")) {
        return states;
      }
    }
    throw new AssertionError("Job never finished: " + states);
  }

  private record Page(List<List<String>> rows, String locator, int numberOfRecords) {}

  private Page results(String token, String jobId, String query) {
    var response = send(token, "GET", JOBS + "/" + jobId + "/results" + query, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    return new Page(
        Csv.parse(response.body(), ','),
        response.headers().firstValue("Sforce-Locator").orElseThrow(),
        Integer.parseInt(response.headers().firstValue("Sforce-NumberOfRecords").orElseThrow()));
  }

  private static Set<String> accountIds(Org org, boolean includeDeleted) {
    return org.rows("Account", includeDeleted)
        .map(r -> (String) r.get("Id"))
        .collect(Collectors.toSet());
  }

  @Test
  void createsJobAsUploadCompleteThenProgressesAndPagesResultsByLocatorUntilNull() {
    Org org = org();
    RecordGenerator.generate(org, RecordGenerator.Volume.accounts(25), 7);
    String token = sessions.mint(org);

    var created = send(token, "POST", JOBS, jobBody("query", "SELECT Id, Name FROM Account"));
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode info = json(created);
    assertThat(info.get("id").asString()).startsWith("750").hasSize(18);
    assertThat(info.get("operation").asString()).isEqualTo("query");
    assertThat(info.get("object").asString()).isEqualTo("Account");
    assertThat(info.get("createdById").asString()).isEqualTo(org.adminUserId());
    assertThat(info.get("createdDate").asString()).isEqualTo("2026-03-02T09:00:00.000+0000");
    assertThat(info.get("systemModstamp").asString()).isNotEmpty();
    assertThat(info.get("state").asString()).isEqualTo("UploadComplete");
    assertThat(info.get("concurrencyMode").asString()).isEqualTo("Parallel");
    assertThat(info.get("contentType").asString()).isEqualTo("CSV");
    assertThat(info.get("apiVersion").asDouble()).isEqualTo(62.0);
    assertThat(info.get("lineEnding").asString()).isEqualTo("LF");
    assertThat(info.get("columnDelimiter").asString()).isEqualTo("COMMA");
    String jobId = info.get("id").asString();

    var early = send(token, "GET", JOBS + "/" + jobId + "/results", null);
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(json(early).get(0).get("errorCode").asString()).isEqualTo("JOB_NOT_COMPLETE");

    assertThat(pollUntilDone(token, jobId)).containsExactly("InProgress", "JobComplete");
    JsonNode done = json(send(token, "GET", JOBS + "/" + jobId, null));
    assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(25);
    assertThat(done.get("retries").asInt()).isZero();
    assertThat(done.has("totalProcessingTime")).isTrue();

    var ids = new ArrayList<String>();
    var sizes = new ArrayList<Integer>();
    String locator = null;
    do {
      Page page =
          results(token, jobId, "?maxRecords=10" + (locator == null ? "" : "&locator=" + locator));
      assertThat(page.rows().getFirst()).containsExactly("Id", "Name");
      assertThat(page.rows()).hasSize(page.numberOfRecords() + 1);
      page.rows().stream().skip(1).forEach(r -> ids.add(r.getFirst()));
      sizes.add(page.numberOfRecords());
      locator = page.locator();
      // Bounded, so a locator that never turns "null" fails fast instead of paging forever.
      assertThat(sizes).hasSizeLessThan(10);
    } while (!locator.equals("null"));

    assertThat(sizes).containsExactly(10, 10, 5);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(accountIds(org, false));
  }

  @Test
  void writesHeaderInSelectOrderEscapesValuesAndLeavesNullsEmpty() {
    Org org = org();
    String tricky = "Barrel \"Cask\" Co, Ltd\nCork";
    String accountId =
        org.create(
            "Account",
            Map.of("Name", tricky, "Industry", "Retail"),
            Caller.user(org.adminUserId()));
    String contactId =
        org.create(
            "Contact",
            Map.of("LastName", "Murphy", "AccountId", accountId),
            Caller.user(org.adminUserId()));
    String token = sessions.mint(org);

    String jobId =
        create(
            token,
            "query",
            "SELECT Id, Account.Name, LastName, Phone, IsDeleted, SystemModstamp FROM Contact");
    pollUntilDone(token, jobId);
    var response = send(token, "GET", JOBS + "/" + jobId + "/results", null);

    assertThat(response.headers().firstValue("Sforce-Locator")).hasValue("null");
    assertThat(response.headers().firstValue("Sforce-NumberOfRecords")).hasValue("1");
    assertThat(response.body())
        .isEqualTo(
            "\"Id\",\"Account.Name\",\"LastName\",\"Phone\",\"IsDeleted\",\"SystemModstamp\"\n"
                + "\""
                + contactId
                + "\",\"Barrel \"\"Cask\"\" Co, Ltd\nCork\",\"Murphy\",\"\",\"false\","
                + "\"2026-03-02T09:00:00.000Z\"\n");
    assertThat(Csv.parse(response.body(), ',').get(1))
        .containsExactly(contactId, tricky, "Murphy", "", "false", "2026-03-02T09:00:00.000Z");
  }

  @Test
  void queryAllIncludesDeletedRowsAndQueryDoesNot() {
    Org org = org();
    RecordGenerator.generate(org, RecordGenerator.Volume.accounts(5), 3);
    String deleted = accountIds(org, false).iterator().next();
    org.delete(deleted, Caller.user(org.adminUserId()));
    String token = sessions.mint(org);

    String all = create(token, "queryAll", "SELECT Id, IsDeleted FROM Account");
    String live = create(token, "query", "SELECT Id, IsDeleted FROM Account");
    pollUntilDone(token, all);
    pollUntilDone(token, live);

    List<List<String>> allRows = results(token, all, "").rows();
    List<List<String>> liveRows = results(token, live, "").rows();
    assertThat(allRows).hasSize(6).contains(List.of(deleted, "true"));
    assertThat(liveRows).hasSize(5).noneMatch(r -> r.getFirst().equals(deleted));
  }

  @Test
  void refusesQueriesOutsideTheBulkSubsetAsInvalidJobs() {
    Org org = org();
    String token = sessions.mint(org);

    for (String soql :
        List.of(
            "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
            "SELECT Id FROM Account OFFSET 5",
            "SELECT Idd FROM Account",
            "SELECT Id FROM")) {
      var response = send(token, "POST", JOBS, jobBody("query", soql));
      assertThat(response.statusCode()).as(soql).isEqualTo(400);
      JsonNode error = json(response).get(0);
      assertThat(error.get("errorCode").asString()).isEqualTo("INVALIDJOB");
      assertThat(error.get("message").asString()).startsWith("Failed to process query: ");
    }
    assertThat(json(send(token, "GET", JOBS, null)).get("records").size()).isZero();
  }

  @Test
  void refusesMalformedJobRequests() {
    Org org = org();
    String token = sessions.mint(org);

    for (String body :
        List.of(
            "{\"operation\":\"insert\",\"query\":\"SELECT Id FROM Account\"}",
            "{\"operation\":\"query\"}",
            "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\",\"contentType\":\"JSON\"}",
            "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\","
                + "\"columnDelimiter\":\"COLON\"}",
            "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\",\"lineEnding\":\"CR\"}")) {
      var response = send(token, "POST", JOBS, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).get(0).get("errorCode").asString()).isEqualTo("INVALIDJOB");
    }
    var notJson = send(token, "POST", JOBS, "{nope");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).get(0).get("errorCode").asString()).isEqualTo("JSON_PARSER_ERROR");
  }

  @Test
  void honoursTheJobsDelimiterAndLineEnding() {
    Org org = org();
    org.create("Account", Map.of("Name", "A|B"), Caller.user(org.adminUserId()));
    String token = sessions.mint(org);
    String body =
        "{\"operation\":\"query\",\"query\":\"SELECT Name, Phone FROM Account\","
            + "\"columnDelimiter\":\"PIPE\",\"lineEnding\":\"CRLF\"}";
    String jobId = json(send(token, "POST", JOBS, body)).get("id").asString();
    pollUntilDone(token, jobId);

    assertThat(send(token, "GET", JOBS + "/" + jobId + "/results", null).body())
        .isEqualTo("\"Name\"|\"Phone\"\r\n\"A|B\"|\"\"\r\n");
  }

  @Test
  void refusesResultsReadWithAnotherApiVersionThanTheJobWasCreatedWith() {
    Org org = org();
    String token = sessions.mint(org);
    String jobId = create(token, "query", "SELECT Id FROM Account");
    pollUntilDone(token, jobId);

    var other = send(token, "GET", "/services/data/v61.0/jobs/query/" + jobId + "/results", null);
    var same = send(token, "GET", JOBS + "/" + jobId + "/results", null);

    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(json(other).get(0).get("errorCode").asString()).isEqualTo("INVALIDJOB");
    assertThat(same.statusCode()).isEqualTo(200);
  }

  @Test
  void abortsAnUnfinishedJobWhoseResultsThenStayUnavailable() {
    Org org = org();
    String token = sessions.mint(org);
    String jobId = create(token, "query", "SELECT Id FROM Account");

    var aborted = send(token, "PATCH", JOBS + "/" + jobId, "{\"state\":\"Aborted\"}");

    assertThat(aborted.statusCode()).isEqualTo(200);
    assertThat(json(aborted).get("state").asString()).isEqualTo("Aborted");
    assertThat(pollUntilDone(token, jobId)).containsExactly("Aborted");
    assertThat(send(token, "GET", JOBS + "/" + jobId + "/results", null).statusCode())
        .isEqualTo(400);
    assertThat(send(token, "PATCH", JOBS + "/" + jobId, "{\"state\":\"Aborted\"}").statusCode())
        .isEqualTo(400);
    assertThat(send(token, "PATCH", JOBS + "/" + jobId, "{\"state\":\"JobComplete\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void deletesOnlyFinishedJobsAndForgetsThem() {
    Org org = org();
    String token = sessions.mint(org);
    String jobId = create(token, "query", "SELECT Id FROM Account");

    assertThat(send(token, "DELETE", JOBS + "/" + jobId, null).statusCode()).isEqualTo(400);
    pollUntilDone(token, jobId);
    var deleted = send(token, "DELETE", JOBS + "/" + jobId, null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    var gone = send(token, "GET", JOBS + "/" + jobId, null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
    assertThat(send(token, "DELETE", JOBS + "/" + jobId, null).statusCode()).isEqualTo(404);
  }

  @Test
  void listsOnlyTheCallersOrgsJobs() {
    Org mine = org();
    Org theirs = org();
    String token = sessions.mint(mine);
    String first = create(token, "query", "SELECT Id FROM Account");
    String second = create(token, "queryAll", "SELECT Id FROM Contact");
    create(sessions.mint(theirs), "query", "SELECT Id FROM Account");

    JsonNode list = json(send(token, "GET", JOBS, null));

    assertThat(list.get("done").asBoolean()).isTrue();
    var ids = new ArrayList<String>();
    list.get("records").forEach(j -> ids.add(j.get("id").asString()));
    assertThat(ids).containsExactly(first, second);
  }

  @Test
  void hidesJobsFromOtherOrgs() {
    Org mine = org();
    Org theirs = org();
    String myToken = sessions.mint(mine);
    String jobId = create(myToken, "query", "SELECT Id FROM Account");
    String theirToken = sessions.mint(theirs);

    for (String[] call :
        List.of(
            new String[] {"GET", JOBS + "/" + jobId, null},
            new String[] {"GET", JOBS + "/" + jobId + "/results", null},
            new String[] {"PATCH", JOBS + "/" + jobId, "{\"state\":\"Aborted\"}"},
            new String[] {"DELETE", JOBS + "/" + jobId, null})) {
      var response = send(theirToken, call[0], call[1], call[2]);
      assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(404);
      assertThat(json(response).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
    }
    assertThat(json(send(myToken, "GET", JOBS + "/" + jobId, null)).get("state").asString())
        .isEqualTo("InProgress");
  }

  @Test
  void answersUnknownJobsWithNotFound() {
    String token = sessions.mint(org());

    var response = send(token, "GET", JOBS + "/750Em0000000000AAA", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void countsEveryBulkCallAgainstTheDailyAllocation() {
    Org org = BulkTestBeans.demoOrg(orgs, 5);
    String token = sessions.mint(org);

    var created = send(token, "POST", JOBS, jobBody("query", "SELECT Id FROM Account"));
    String jobId = json(created).get("id").asString();
    assertThat(created.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=1/5");
    send(token, "GET", JOBS + "/" + jobId, null);
    send(token, "GET", JOBS + "/" + jobId, null);
    var results = send(token, "GET", JOBS + "/" + jobId + "/results", null);
    assertThat(results.statusCode()).isEqualTo(200);
    assertThat(results.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=4/5");
    assertThat(send(token, "GET", JOBS, null).statusCode()).isEqualTo(200);

    var refused = send(token, "GET", JOBS + "/" + jobId + "/results", null);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get(0).get("errorCode").asString())
        .isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(org.apiUsage().used()).isEqualTo(5);
  }

  @Test
  void refusesCallsWithoutAValidToken() {
    var response = send("not-a-token", "GET", JOBS, null);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void refusesBadLocatorsAndMaxRecords() {
    Org org = org();
    RecordGenerator.generate(org, RecordGenerator.Volume.accounts(3), 5);
    String token = sessions.mint(org);
    String jobId = create(token, "query", "SELECT Id FROM Account");
    pollUntilDone(token, jobId);
    String results = JOBS + "/" + jobId + "/results";

    assertThat(send(token, "GET", results + "?locator=%21%21", null).statusCode()).isEqualTo(400);
    assertThat(send(token, "GET", results + "?locator=OTk", null).statusCode()).isEqualTo(400);
    assertThat(send(token, "GET", results + "?maxRecords=0", null).statusCode()).isEqualTo(400);
    // A locator stays reusable while the job exists.
    Page first = results(token, jobId, "?maxRecords=2");
    Page again = results(token, jobId, "?maxRecords=2&locator=" + first.locator());
    Page twice = results(token, jobId, "?maxRecords=2&locator=" + first.locator());
    assertThat(again.rows()).isEqualTo(twice.rows()).hasSize(2);
    assertThat(again.locator()).isEqualTo("null");
  }
}
