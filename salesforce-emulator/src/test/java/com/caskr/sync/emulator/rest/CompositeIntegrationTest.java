package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RestTestBeans.class)
class CompositeIntegrationTest {

  private static final String COMPOSITE = "/services/data/v62.0/composite";

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired RestTestBeans.MintedSessions sessions;

  Org org;
  Api api;
  final List<List<ChangeRecord>> transactions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void newOrg() {
    org = RestTestBeans.demoOrg(orgs, 100_000, false);
    api = new Api(port, sessions.mint(org));
    org.addListener(transactions::add);
  }

  private static String sub(String method, String url, String ref, String body) {
    return "{\"method\":\""
        + method
        + "\",\"url\":\""
        + url
        + "\",\"referenceId\":\""
        + ref
        + "\""
        + (body == null ? "" : ",\"body\":" + body)
        + "}";
  }

  private JsonNode composite(boolean allOrNone, String... subs) {
    var response =
        api.post(
            COMPOSITE,
            "{\"allOrNone\":"
                + allOrNone
                + ",\"collateSubrequests\":false,\"compositeRequest\":["
                + String.join(",", subs)
                + "]}");
    assertThat(response.statusCode()).isEqualTo(200);
    return Api.json(response).get("compositeResponse");
  }

  @Test
  void chainsReferencesBetweenCreateQueryAndUpdate() {
    JsonNode results =
        composite(
            false,
            sub(
                "POST",
                "/services/data/v62.0/sobjects/Account",
                "NewAccount",
                "{\"Name\":\"Copper Still Tavern\"}"),
            sub(
                "POST",
                "/services/data/v62.0/sobjects/Contact",
                "NewContact",
                "{\"LastName\":\"Marsh\",\"AccountId\":\"@{NewAccount.id}\"}"),
            sub(
                "GET",
                "/services/data/v62.0/query?q=SELECT+Id,Name+FROM+Account+WHERE+Id='@{NewAccount.id}'",
                "Found",
                null),
            sub(
                "PATCH",
                "/services/data/v62.0/sobjects/Account/@{Found.records[0].Id}",
                "Renamed",
                "{\"Name\":\"Renamed\"}"),
            sub(
                "GET",
                "/services/data/v62.0/sobjects/Contact/@{NewContact.id}?fields=AccountId",
                "ReadBack",
                null));

    String accountId = results.get(0).get("body").get("id").asString();
    assertThat(results.get(0).get("httpStatusCode").asInt()).isEqualTo(201);
    assertThat(results.get(0).get("referenceId").asString()).isEqualTo("NewAccount");
    assertThat(results.get(0).get("httpHeaders").get("Location").asString())
        .isEqualTo("/services/data/v62.0/sobjects/Account/" + accountId);
    assertThat(results.get(2).get("body").get("totalSize").asInt()).isEqualTo(1);
    assertThat(results.get(3).get("httpStatusCode").asInt()).isEqualTo(204);
    assertThat(results.get(3).get("body").isNull()).isTrue();
    assertThat(results.get(4).get("body").get("AccountId").asString()).isEqualTo(accountId);
    assertThat(org.read("Account", accountId).get("Name")).isEqualTo("Renamed");
  }

  @Test
  void allOrNoneRollsBackEverythingAndHaltsTheOthers() {
    JsonNode results =
        composite(
            true,
            sub("POST", "/services/data/v62.0/sobjects/Account", "Good", "{\"Name\":\"A\"}"),
            sub(
                "POST",
                "/services/data/v62.0/sobjects/Contact",
                "Bad",
                "{\"AccountId\":\"@{Good.id}\"}"),
            sub("POST", "/services/data/v62.0/sobjects/Account", "Later", "{\"Name\":\"B\"}"));

    assertThat(results.size()).isEqualTo(3);
    assertThat(results.get(1).get("httpStatusCode").asInt()).isEqualTo(400);
    assertThat(results.get(1).get("body").get(0).get("errorCode").asString())
        .isEqualTo("REQUIRED_FIELD_MISSING");
    for (int i : new int[] {0, 2}) {
      assertThat(results.get(i).get("httpStatusCode").asInt()).isEqualTo(400);
      assertThat(results.get(i).get("body").get(0).get("errorCode").asString())
          .isEqualTo("PROCESSING_HALTED");
    }
    assertThat(org.count("Account", true)).isZero();
    assertThat(transactions).isEmpty();
  }

  @Test
  void allOrNoneCommitsAsOneTransaction() {
    composite(
        true,
        sub("POST", "/services/data/v62.0/sobjects/Account", "A", "{\"Name\":\"A\"}"),
        sub(
            "POST",
            "/services/data/v62.0/composite/sobjects",
            "More",
            "{\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"x\","
                + "\"AccountId\":\"@{A.id}\"}]}"));

    assertThat(transactions).hasSize(1);
    assertThat(transactions.getFirst())
        .extracting(ChangeRecord::entityName)
        .containsExactly("Account", "Contact");
  }

  @Test
  void withoutAllOrNoneKeepsTheGoodOnesAndHaltsDependents() {
    JsonNode results =
        composite(
            false,
            sub("POST", "/services/data/v62.0/sobjects/Account", "Bad", "{}"),
            sub(
                "POST",
                "/services/data/v62.0/sobjects/Contact",
                "Dependent",
                "{\"LastName\":\"x\",\"AccountId\":\"@{Bad.id}\"}"),
            sub("POST", "/services/data/v62.0/sobjects/Account", "Good", "{\"Name\":\"B\"}"));

    assertThat(results.get(0).get("httpStatusCode").asInt()).isEqualTo(400);
    assertThat(results.get(1).get("body").get(0).get("errorCode").asString())
        .isEqualTo("PROCESSING_HALTED");
    assertThat(results.get(2).get("httpStatusCode").asInt()).isEqualTo(201);
    assertThat(org.count("Account", false)).isEqualTo(1);
  }

  @Test
  void upsertsAndDeletesThroughSubrequests() {
    JsonNode results =
        composite(
            false,
            sub(
                "PATCH",
                "/services/data/v62.0/sobjects/Account/Caskr_Id__c/C-9",
                "Up",
                "{\"Name\":\"Upserted\"}"),
            sub("DELETE", "/services/data/v62.0/sobjects/Account/@{Up.id}", "Gone", null));

    assertThat(results.get(0).get("httpStatusCode").asInt()).isEqualTo(201);
    assertThat(results.get(0).get("body").get("created").asBoolean()).isTrue();
    assertThat(results.get(1).get("httpStatusCode").asInt()).isEqualTo(204);
    assertThat(org.count("Account", false)).isZero();
  }

  @Test
  void refusesMoreThan25SubrequestsAndUrlsOutsideTheDataApi() {
    var many = new String[26];
    for (int i = 0; i < many.length; i++) {
      many[i] = sub("GET", "/services/data/v62.0/limits", "r" + i, null);
    }
    var tooMany = api.post(COMPOSITE, "{\"compositeRequest\":[" + String.join(",", many) + "]}");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(Api.json(tooMany).get(0).has("errorCode")).isTrue();

    var admin =
        api.post(
            COMPOSITE,
            "{\"compositeRequest\":["
                + sub("GET", "/emulator/orgs/" + org.id() + "/faults", "x", null)
                + "]}");
    assertThat(admin.statusCode()).isEqualTo(400);
    var escaping =
        api.post(
            COMPOSITE,
            "{\"compositeRequest\":["
                + sub(
                    "GET",
                    "/services/data/v62.0/sobjects/../../../../emulator/orgs/"
                        + org.id()
                        + "/faults",
                    "x",
                    null)
                + "]}");
    assertThat(escaping.statusCode()).isEqualTo(400);
  }

  @Test
  void costsOneApiCall() {
    long before = org.apiUsage().used();
    composite(
        false,
        sub("POST", "/services/data/v62.0/sobjects/Account", "A", "{\"Name\":\"A\"}"),
        sub("GET", "/services/data/v62.0/sobjects/Account/@{A.id}", "B", null));
    assertThat(org.apiUsage().used()).isEqualTo(before + 1);
  }
}
