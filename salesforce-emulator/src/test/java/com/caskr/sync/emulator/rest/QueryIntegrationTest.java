package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RestTestBeans.class)
class QueryIntegrationTest {

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired RestTestBeans.MintedSessions sessions;
  @Autowired TestClock clock;

  private Api apiFor(Org org) {
    return new Api(port, sessions.mint(org));
  }

  private Org orgWithAccounts(int accounts) {
    Org org = RestTestBeans.demoOrg(orgs, 1_000_000, false);
    RecordGenerator.generate(org, RecordGenerator.Volume.accounts(accounts), 7);
    return org;
  }

  @Test
  void returnsAllSelectedFieldsWithNullsAndSalesforceFormats() {
    String createdAt = Json.datetime(clock.instant());
    Org org = RestTestBeans.demoOrg(orgs, 1_000, false);
    String id =
        org.create("Account", Map.of("Name", "Dingle Whiskey Bar"), Caller.user(org.adminUserId()));
    var response =
        apiFor(org)
            .get(
                "/services/data/v62.0/query?q="
                    + Api.q("SELECT Id, Name, Phone, SystemModstamp FROM Account"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Api.json(response);
    assertThat(body.get("totalSize").asInt()).isEqualTo(1);
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.has("nextRecordsUrl")).isFalse();
    JsonNode record = body.get("records").get(0);
    assertThat(record.get("attributes").get("type").asString()).isEqualTo("Account");
    assertThat(record.get("attributes").get("url").asString())
        .isEqualTo("/services/data/v62.0/sobjects/Account/" + id);
    assertThat(record.has("Phone")).isTrue();
    assertThat(record.get("Phone").isNull()).isTrue();
    assertThat(record.get("SystemModstamp").asString())
        .isEqualTo(createdAt)
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
  }

  @Test
  void pagesWithNextRecordsUrlUntilDoneAndTreatsBatchSizeAsAHint() {
    Org org = orgWithAccounts(2_500);
    Api api = apiFor(org).withHeaders("Sforce-Query-Options", "batchSize=50");

    var response = api.get("/services/data/v62.0/query?q=" + Api.q("SELECT Id, Name FROM Account"));
    JsonNode page = Api.json(response);
    assertThat(page.get("totalSize").asInt()).isEqualTo(2_500);
    assertThat(page.get("done").asBoolean()).isFalse();
    // 50 is below Salesforce's minimum of 200: the hint is raised, not refused.
    assertThat(page.get("records").size()).isEqualTo(200);
    assertThat(page.get("nextRecordsUrl").asString())
        .matches("/services/data/v62\\.0/query/01g\\w+-200");

    var ids = new HashSet<String>();
    page.get("records").forEach(r -> ids.add(r.get("Id").asString()));
    int pages = 1;
    while (!page.get("done").asBoolean()) {
      page = Api.json(api.get(page.get("nextRecordsUrl").asString()));
      page.get("records").forEach(r -> ids.add(r.get("Id").asString()));
      pages++;
    }
    assertThat(ids).hasSize(2_500);
    assertThat(pages).isEqualTo(13);
    assertThat(page.has("nextRecordsUrl")).isFalse();
  }

  @Test
  void pagesByTwoThousandByDefault() {
    Org org = orgWithAccounts(2_001);

    JsonNode page =
        Api.json(
            apiFor(org).get("/services/data/v62.0/query?q=" + Api.q("SELECT Id FROM Account")));

    assertThat(page.get("records").size()).isEqualTo(2_000);
    assertThat(page.get("nextRecordsUrl").asString()).endsWith("-2000");
  }

  @Test
  void continuesQueryAllThroughQueryPathsAndSeesDeletedRows() {
    Org org = orgWithAccounts(300);
    String deleted =
        org.rows("Account", false).findFirst().map(r -> (String) r.get("Id")).orElseThrow();
    org.delete(deleted, Caller.user(org.adminUserId()));
    Api api = apiFor(org).withHeaders("Sforce-Query-Options", "batchSize=200");

    JsonNode first =
        Api.json(
            api.get(
                "/services/data/v62.0/queryAll?q=" + Api.q("SELECT Id, IsDeleted FROM Account")));
    assertThat(first.get("totalSize").asInt()).isEqualTo(300);
    assertThat(first.get("nextRecordsUrl").asString()).startsWith("/services/data/v62.0/query/");
    JsonNode second = Api.json(api.get(first.get("nextRecordsUrl").asString()));
    assertThat(second.get("done").asBoolean()).isTrue();
    assertThat(second.get("records").size()).isEqualTo(100);
    JsonNode live =
        Api.json(api.get("/services/data/v62.0/query?q=" + Api.q("SELECT Id FROM Account")));
    assertThat(live.get("totalSize").asInt()).isEqualTo(299);
  }

  @Test
  void expiresQueryLocatorsAfterTwoDays() {
    Org org = orgWithAccounts(2_100);
    Api api = apiFor(org);
    String next =
        Api.json(api.get("/services/data/v62.0/query?q=" + Api.q("SELECT Id FROM Account")))
            .get("nextRecordsUrl")
            .asString();

    clock.advance(Duration.ofDays(2));
    var response = api.get(next);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Api.json(response).get(0).get("errorCode").asString())
        .isEqualTo("INVALID_QUERY_LOCATOR");
    assertThat(response.headers().firstValue("Sforce-Limit-Info")).isPresent();
  }

  @Test
  void refusesALocatorOfAnotherOrg() {
    Org mine = orgWithAccounts(2_100);
    Org theirs = RestTestBeans.demoOrg(orgs, 1_000, false);
    String next =
        Api.json(
                apiFor(mine).get("/services/data/v62.0/query?q=" + Api.q("SELECT Id FROM Account")))
            .get("nextRecordsUrl")
            .asString();

    var response = apiFor(theirs).get(next);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Api.json(response).get(0).get("errorCode").asString())
        .isEqualTo("INVALID_QUERY_LOCATOR");
  }

  @Test
  void countsWithoutRecords() {
    Org org = orgWithAccounts(250);

    JsonNode body =
        Api.json(
            apiFor(org)
                .get("/services/data/v62.0/query?q=" + Api.q("SELECT COUNT() FROM Account")));

    assertThat(body.get("totalSize").asInt()).isEqualTo(250);
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("records").size()).isZero();
  }

  @Test
  void answersSoqlErrorsWith400AndTheirErrorCode() {
    Org org = RestTestBeans.demoOrg(orgs, 1_000, false);
    Api api = apiFor(org);

    var malformed = api.get("/services/data/v62.0/query?q=" + Api.q("SELEKT Id FROM Account"));
    var badField = api.get("/services/data/v62.0/query?q=" + Api.q("SELECT Nope__c FROM Account"));
    var missing = api.get("/services/data/v62.0/query");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(Api.json(malformed).get(0).get("errorCode").asString()).isEqualTo("MALFORMED_QUERY");
    assertThat(badField.statusCode()).isEqualTo(400);
    assertThat(Api.json(badField).get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
    assertThat(Api.json(badField).get(0).has("message")).isTrue();
    assertThat(missing.statusCode()).isEqualTo(400);
  }

  @Test
  void servesTwentyThousandRecordsThroughPagesWellWithinTenSeconds() {
    Org org = orgWithAccounts(20_000);
    Api api = apiFor(org);

    long started = System.nanoTime();
    JsonNode page =
        Api.json(
            api.get(
                "/services/data/v62.0/query?q="
                    + Api.q(
                        "SELECT Id, Name, Industry, BillingCity, SystemModstamp FROM Account")));
    int read = page.get("records").size();
    while (!page.get("done").asBoolean()) {
      page = Api.json(api.get(page.get("nextRecordsUrl").asString()));
      read += page.get("records").size();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(read).isEqualTo(20_000);
    System.out.printf(
        "Paged 20,000 records in %d ms (%.0f records/s)%n",
        took.toMillis(), 20_000 / Math.max(0.001, took.toNanos() / 1e9));
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }
}
