package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import java.util.ArrayList;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RestTestBeans.class)
class CollectionsIntegrationTest {

  private static final String COLLECTIONS = "/services/data/v62.0/composite/sobjects";

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired RestTestBeans.MintedSessions sessions;

  Org org;
  Api api;

  @BeforeEach
  void newOrg() {
    org = RestTestBeans.demoOrg(orgs, 100_000, false);
    api = new Api(port, sessions.mint(org));
  }

  private static String account(String name) {
    return "{\"attributes\":{\"type\":\"Account\"}"
        + (name == null ? "" : ",\"Name\":\"" + name + "\"")
        + "}";
  }

  @Test
  void createsRowsInInputOrderWithStatusCodeErrorsAndPartialSuccess() {
    var response =
        api.post(
            COLLECTIONS,
            "{\"allOrNone\":false,\"records\":[" + account("A") + "," + account(null) + "]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = Api.json(response);
    assertThat(rows.get(0).get("success").asBoolean()).isTrue();
    assertThat(rows.get(0).get("id").asString()).startsWith("001");
    assertThat(rows.get(0).get("errors").size()).isZero();
    assertThat(rows.get(1).get("success").asBoolean()).isFalse();
    JsonNode error = rows.get(1).get("errors").get(0);
    assertThat(error.get("statusCode").asString()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(error.has("errorCode")).isFalse();
    assertThat(error.get("fields").get(0).asString()).isEqualTo("Name");
    assertThat(org.count("Account", false)).isEqualTo(1);
  }

  @Test
  void answers200EvenWhenEveryRowFailed() {
    var response =
        api.post(COLLECTIONS, "{\"records\":[" + account(null) + "," + account(null) + "]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = Api.json(response);
    assertThat(rows.size()).isEqualTo(2);
    rows.forEach(r -> assertThat(r.get("success").asBoolean()).isFalse());
  }

  @Test
  void rollsBackEveryGoodRowUnderAllOrNone() {
    var response =
        api.post(
            COLLECTIONS,
            "{\"allOrNone\":true,\"records\":["
                + account("A")
                + ","
                + account(null)
                + ","
                + account("C")
                + "]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = Api.json(response);
    assertThat(rows.get(0).get("success").asBoolean()).isFalse();
    assertThat(rows.get(0).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(rows.get(1).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(rows.get(2).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(org.count("Account", true)).isZero();
  }

  @Test
  void rollsBackUpdatesUnderAllOrNone() {
    String id =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"Before\"}"))
            .get("id")
            .asString();

    var response =
        api.patch(
            COLLECTIONS,
            "{\"allOrNone\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":\""
                + id
                + "\",\"Name\":\"After\"},{\"attributes\":{\"type\":\"Account\"},\"Id\":\"001000000000000AAA\",\"Name\":\"X\"}]}");

    JsonNode rows = Api.json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(rows.get(0).get("id").asString()).isEqualTo(id);
    assertThat(rows.get(0).get("errors").get(0).get("statusCode").asString())
        .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(rows.get(1).get("success").asBoolean()).isFalse();
    assertThat(org.read("Account", id).get("Name")).isEqualTo("Before");
  }

  @Test
  void refusesMoreThan200Records() {
    var records = new ArrayList<String>();
    for (int i = 0; i < 201; i++) {
      records.add(account("A" + i));
    }

    var response = api.post(COLLECTIONS, "{\"records\":[" + String.join(",", records) + "]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Api.json(response).get(0).has("errorCode")).isTrue();
    assertThat(org.count("Account", true)).isZero();
  }

  @Test
  void upsertsByExternalIdWithCreated() {
    api.patch("/services/data/v62.0/sobjects/Account/Caskr_Id__c/C-1", "{\"Name\":\"Old\"}");

    var response =
        api.patch(
            COLLECTIONS + "/Account/Caskr_Id__c",
            "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Caskr_Id__c\":\"C-1\",\"Name\":\"New\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Caskr_Id__c\":\"C-2\",\"Name\":\"Two\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = Api.json(response);
    assertThat(rows.get(0).get("created").asBoolean()).isFalse();
    assertThat(rows.get(0).get("success").asBoolean()).isTrue();
    assertThat(rows.get(1).get("created").asBoolean()).isTrue();
    assertThat(org.count("Account", false)).isEqualTo(2);
  }

  @Test
  void deletesAndRetrievesById() {
    String a =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"A\"}"))
            .get("id")
            .asString();
    String b =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"B\"}"))
            .get("id")
            .asString();

    JsonNode retrieved =
        Api.json(api.get(COLLECTIONS + "/Account?ids=" + a + "," + b + "&fields=Name,Phone"));
    var deleted = api.delete(COLLECTIONS + "?ids=" + a + ",001000000000000AAA&allOrNone=false");

    assertThat(retrieved.get(0).get("Name").asString()).isEqualTo("A");
    assertThat(retrieved.get(1).get("Phone").isNull()).isTrue();
    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonNode rows = Api.json(deleted);
    assertThat(rows.get(0).get("success").asBoolean()).isTrue();
    assertThat(rows.get(0).get("id").asString()).isEqualTo(a);
    assertThat(rows.get(1).get("success").asBoolean()).isFalse();
    assertThat(rows.get(1).get("errors").get(0).has("statusCode")).isTrue();
    JsonNode afterDelete = Api.json(api.get(COLLECTIONS + "/Account?ids=" + a + "&fields=Name"));
    assertThat(afterDelete.get(0).isNull()).isTrue();
  }

  @Test
  void retrievesByPostInIdOrderWithNullForIdsNotFound() {
    String a =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"A\"}"))
            .get("id")
            .asString();
    String b =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"B\"}"))
            .get("id")
            .asString();

    var response =
        api.post(
            COLLECTIONS + "/Account",
            "{\"ids\":[\""
                + b
                + "\",\"001000000000000AAA\",\""
                + a
                + "\"],\"fields\":[\"Id\",\"Name\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = Api.json(response);
    assertThat(rows.size()).isEqualTo(3);
    assertThat(rows.get(0).get("Id").asString()).isEqualTo(b);
    assertThat(rows.get(0).get("Name").asString()).isEqualTo("B");
    assertThat(rows.get(0).get("attributes").get("type").asString()).isEqualTo("Account");
    assertThat(rows.get(0).has("Phone")).isFalse();
    assertThat(rows.get(1).isNull()).isTrue();
    assertThat(rows.get(2).get("Name").asString()).isEqualTo("A");
    assertThat(org.count("Account", false)).isEqualTo(2);
  }

  @Test
  void retrievesUpToTwoThousandIdsByPostAndRefusesMore() {
    String id =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"Many\"}"))
            .get("id")
            .asString();
    String twoThousand = String.join(",", Collections.nCopies(2000, "\"" + id + "\""));

    var allowed =
        api.post(COLLECTIONS + "/Account", "{\"ids\":[" + twoThousand + "],\"fields\":[\"Name\"]}");
    var refused =
        api.post(
            COLLECTIONS + "/Account",
            "{\"ids\":[" + twoThousand + ",\"" + id + "\"],\"fields\":[\"Name\"]}");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(Api.json(allowed).size()).isEqualTo(2000);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Api.json(refused).get(0).get("errorCode").asString()).isEqualTo("EXCEEDED_ID_LIMIT");
  }

  @Test
  void retrievesEightHundredIdsByGetButAnswers414ForALongerUrlAnd431ForHugeHeaders() {
    String id =
        Api.json(api.post("/services/data/v62.0/sobjects/Account", "{\"Name\":\"Many\"}"))
            .get("id")
            .asString();

    var eightHundred =
        api.get(
            COLLECTIONS
                + "/Account?ids="
                + String.join(",", Collections.nCopies(800, id))
                + "&fields=Name");
    var nineHundred =
        api.get(
            COLLECTIONS
                + "/Account?ids="
                + String.join(",", Collections.nCopies(900, id))
                + "&fields=Name");
    var hugeHeader =
        api.withHeaders("X-Padding", "p".repeat(RequestSizeLimit.MAX_BYTES))
            .get(COLLECTIONS + "/Account?ids=" + id + "&fields=Name");

    assertThat(eightHundred.statusCode()).isEqualTo(200);
    assertThat(Api.json(eightHundred).size()).isEqualTo(800);
    assertThat(nineHundred.statusCode()).isEqualTo(414);
    assertThat(hugeHeader.statusCode()).isEqualTo(431);
  }

  @Test
  void refusesARetrieveBodyWithoutIdsOrWithAnUnknownField() {
    var noIds = api.post(COLLECTIONS + "/Account", "{\"fields\":[\"Name\"]}");
    var badField =
        api.post(
            COLLECTIONS + "/Account",
            "{\"ids\":[\"001000000000000AAA\"],\"fields\":[\"Name\",\"Nope__c\"]}");
    var notStrings = api.post(COLLECTIONS + "/Account", "{\"ids\":[1],\"fields\":[\"Name\"]}");

    assertThat(noIds.statusCode()).isEqualTo(400);
    assertThat(Api.json(noIds).get(0).get("errorCode").asString()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(badField.statusCode()).isEqualTo(400);
    assertThat(Api.json(badField).get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
    assertThat(notStrings.statusCode()).isEqualTo(400);
  }

  @Test
  void changeListenersNeverSeeRowsOfARolledBackAllOrNoneCall() {
    var transactions =
        new java.util.concurrent.CopyOnWriteArrayList<java.util.List<ChangeRecord>>();
    org.addListener(transactions::add);

    api.post(
        COLLECTIONS,
        "{\"allOrNone\":true,\"records\":[" + account("A") + "," + account(null) + "]}");
    assertThat(transactions).isEmpty();

    api.post(
        COLLECTIONS,
        "{\"allOrNone\":true,\"records\":[" + account("B") + "," + account("C") + "]}");
    assertThat(transactions).hasSize(1);
    assertThat(transactions.getFirst()).hasSize(2);
    assertThat(transactions.getFirst())
        .extracting(ChangeRecord::transactionKey)
        .containsOnly(transactions.getFirst().getFirst().transactionKey());
  }
}
