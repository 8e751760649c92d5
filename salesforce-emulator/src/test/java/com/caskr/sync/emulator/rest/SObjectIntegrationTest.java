package com.caskr.sync.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.ChangeListener;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import java.time.Duration;
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
class SObjectIntegrationTest {

  private static final String ACCOUNTS = "/services/data/v62.0/sobjects/Account";

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired RestTestBeans.MintedSessions sessions;
  @Autowired TestClock clock;

  Org org;
  Api api;

  @BeforeEach
  void newOrg() {
    org = RestTestBeans.demoOrg(orgs, 100_000, false);
    api = new Api(port, sessions.mint(org));
  }

  private String create(String body) {
    var response = api.post(ACCOUNTS, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Api.json(response).get("id").asString();
  }

  @Test
  void createsWith201AndTheSaveResult() {
    var response = api.post(ACCOUNTS, "{\"Name\":\"Cork Cask Club\",\"Industry\":\"Hospitality\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = Api.json(response);
    assertThat(body.get("id").asString()).hasSize(18).startsWith("001");
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("errors").size()).isZero();
    assertThat(body.has("created")).isFalse();
  }

  @Test
  void readsEveryFieldWithNullsPresentBy15Or18CharacterId() {
    String createdAt = Json.datetime(clock.instant());
    String id = create("{\"Name\":\"Cork Cask Club\",\"AnnualRevenue\":1500000}");

    var by18 = api.get(ACCOUNTS + "/" + id);
    var by15 = api.get(ACCOUNTS + "/" + id.substring(0, 15));

    assertThat(by18.statusCode()).isEqualTo(200);
    assertThat(by15.statusCode()).isEqualTo(200);
    JsonNode record = Api.json(by18);
    assertThat(record.get("attributes").get("url").asString()).isEqualTo(ACCOUNTS + "/" + id);
    assertThat(record.get("Id").asString()).isEqualTo(id);
    assertThat(record.get("Phone").isNull()).isTrue();
    assertThat(record.get("AnnualRevenue").isNumber()).isTrue();
    assertThat(record.get("AnnualRevenue").decimalValue()).isEqualByComparingTo("1500000");
    assertThat(record.get("CreatedDate").asString())
        .isEqualTo(createdAt)
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
    assertThat(Api.json(by15).get("Id").asString()).isEqualTo(id);
  }

  @Test
  void readsOnlyTheFieldsAskedFor() {
    String id = create("{\"Name\":\"Cork Cask Club\"}");

    JsonNode record = Api.json(api.get(ACCOUNTS + "/" + id + "?fields=Name,Industry"));
    var unknown = api.get(ACCOUNTS + "/" + id + "?fields=Name,Nope__c");

    assertThat(record.properties().stream().map(java.util.Map.Entry::getKey).toList())
        .containsExactly("attributes", "Name", "Industry");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(Api.json(unknown).get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
  }

  @Test
  void updatesWith204AndAnEmptyBody() {
    String id = create("{\"Name\":\"Cork Cask Club\",\"Phone\":\"+353 21 000\"}");

    var response = api.patch(ACCOUNTS + "/" + id, "{\"Industry\":\"Retail\",\"Phone\":null}");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    JsonNode record = Api.json(api.get(ACCOUNTS + "/" + id));
    assertThat(record.get("Industry").asString()).isEqualTo("Retail");
    assertThat(record.get("Phone").isNull()).isTrue();
  }

  @Test
  void deletesWith204ThenAnswersEntityIsDeleted() {
    String id = create("{\"Name\":\"Cork Cask Club\"}");

    var first = api.delete(ACCOUNTS + "/" + id);
    var second = api.delete(ACCOUNTS + "/" + id);
    var read = api.get(ACCOUNTS + "/" + id);
    var patch = api.patch(ACCOUNTS + "/" + id, "{\"Name\":\"x\"}");

    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(first.body()).isEmpty();
    for (var response : List.of(second, read, patch)) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(Api.json(response).get(0).get("errorCode").asString())
          .isEqualTo("ENTITY_IS_DELETED");
    }
  }

  @Test
  void answersBadIdsWithNotFoundOrMalformedId() {
    var unknown = api.get(ACCOUNTS + "/001000000000000AAA");
    var malformed = api.get(ACCOUNTS + "/xyz");
    var unknownType = api.get("/services/data/v62.0/sobjects/Nope__c/001000000000000AAA");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Api.json(unknown).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
    assertThat(malformed.statusCode()).isIn(400, 404);
    assertThat(Api.json(malformed).get(0).get("errorCode").asString())
        .isIn("MALFORMED_ID", "NOT_FOUND");
    assertThat(unknownType.statusCode()).isEqualTo(404);
  }

  @Test
  void answersValidationErrorsWithAnArrayOfErrorCodes() {
    var response = api.post(ACCOUNTS, "{\"Industry\":\"Retail\"}");
    var badJson = api.post(ACCOUNTS, "{\"Name\":");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Api.json(response).get(0);
    assertThat(error.get("errorCode").asString()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(error.get("fields").get(0).asString()).isEqualTo("Name");
    assertThat(error.has("statusCode")).isFalse();
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(Api.json(badJson).get(0).get("errorCode").asString()).isEqualTo("JSON_PARSER_ERROR");
  }

  @Test
  void upsertsWith201ThenWith200AndCreatedFalse() {
    var created = api.patch(ACCOUNTS + "/Caskr_Id__c/C-1", "{\"Name\":\"Cork Cask Club\"}");
    var updated = api.patch(ACCOUNTS + "/Caskr_Id__c/C-1", "{\"Name\":\"Cork Cask Club Ltd\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode createdBody = Api.json(created);
    assertThat(createdBody.get("created").asBoolean()).isTrue();
    assertThat(createdBody.get("success").asBoolean()).isTrue();
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(Api.json(updated).get("created").asBoolean()).isFalse();
    assertThat(Api.json(updated).get("id").asString()).isEqualTo(createdBody.get("id").asString());
  }

  @Test
  void upsertsAnUpdateWith204BeforeApi46() {
    api.patch(ACCOUNTS + "/Caskr_Id__c/C-2", "{\"Name\":\"Cork Cask Club\"}");

    var updated =
        api.patch(
            "/services/data/v45.0/sobjects/Account/Caskr_Id__c/C-2", "{\"Name\":\"Renamed\"}");

    assertThat(updated.statusCode()).isEqualTo(204);
    assertThat(updated.body()).isEmpty();
  }

  @Test
  void upsertsSeveralMatchesWith300AndTheirUrls() {
    String first = create("{\"Name\":\"A\",\"Legacy_Ref__c\":\"L-1\"}");
    String second = create("{\"Name\":\"B\",\"Legacy_Ref__c\":\"L-1\"}");

    var response = api.patch(ACCOUNTS + "/Legacy_Ref__c/L-1", "{\"Name\":\"C\"}");

    assertThat(response.statusCode()).isEqualTo(300);
    JsonNode urls = Api.json(response);
    assertThat(urls.isArray()).isTrue();
    assertThat(List.of(urls.get(0).asString(), urls.get(1).asString()))
        .containsExactlyInAnyOrder(ACCOUNTS + "/" + first, ACCOUNTS + "/" + second);
  }

  @Test
  void upsertsOnAFieldThatIsNoExternalIdWith404NotFound() {
    var response = api.patch(ACCOUNTS + "/Name/Whatever", "{\"Industry\":\"Retail\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Api.json(response).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void upsertsWithUpdateOnlyWithoutCreating() {
    var response = api.patch(ACCOUNTS + "/Caskr_Id__c/C-9?updateOnly=true", "{\"Name\":\"New\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(org.count("Account", true)).isZero();
  }

  @Test
  void refusesAnIdInTheUpsertBody() {
    String id = create("{\"Name\":\"A\"}");

    var response =
        api.patch(ACCOUNTS + "/Caskr_Id__c/C-3", "{\"Id\":\"" + id + "\",\"Name\":\"B\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Api.json(response).get(0).get("errorCode").asString()).isEqualTo("INVALID_FIELD");
  }

  @Test
  void tagsWritesWithTheCallOptionsClientAsChangeOrigin() {
    var origins = new CopyOnWriteArrayList<String>();
    ChangeListener listener = changes -> changes.forEach(c -> origins.add(origin(c)));
    org.addListener(listener);
    Api tagged = api.withHeaders("Sforce-Call-Options", "client=caskr-sync");

    String id = Api.json(tagged.post(ACCOUNTS, "{\"Name\":\"A\"}")).get("id").asString();
    tagged.patch(ACCOUNTS + "/" + id, "{\"Name\":\"B\"}");
    tagged.patch(ACCOUNTS + "/Caskr_Id__c/C-4", "{\"Name\":\"C\"}");

    assertThat(origins)
        .isNotEmpty()
        .allMatch("com/salesforce/api/rest/62.0;client=caskr-sync"::equals);
  }

  private static String origin(ChangeRecord change) {
    return change.changeOrigin();
  }

  @Test
  void listsUpdatedAndDeletedIdsInAWindow() {
    String kept = create("{\"Name\":\"Kept\"}");
    String gone = create("{\"Name\":\"Gone\"}");
    api.delete(ACCOUNTS + "/" + gone);
    clock.advance(Duration.ofMinutes(5));
    String start = "2026-03-01T00:00:00Z";
    String end = Json.datetime(clock.instant()).replace("+", "%2B");

    var updated = api.get(ACCOUNTS + "/updated/?start=" + start + "&end=" + end);
    var deleted = api.get(ACCOUNTS + "/deleted/?start=" + start + "&end=" + end);

    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    JsonNode ids = Api.json(updated).get("ids");
    assertThat(ids.size()).isEqualTo(1);
    assertThat(ids.get(0).asString()).isEqualTo(kept);
    assertThat(Api.json(updated).get("latestDateCovered").asString()).endsWith("+0000");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    JsonNode deletedBody = Api.json(deleted);
    assertThat(deletedBody.get("deletedRecords").get(0).get("id").asString()).isEqualTo(gone);
    assertThat(deletedBody.get("deletedRecords").get(0).get("deletedDate").asString())
        .endsWith("+0000");
    assertThat(deletedBody.has("earliestDateAvailable")).isTrue();
    assertThat(deletedBody.has("latestDateCovered")).isTrue();
  }

  @Test
  void describesFields() {
    var response = api.get(ACCOUNTS + "/describe");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Api.json(response);
    assertThat(body.get("name").asString()).isEqualTo("Account");
    assertThat(body.get("keyPrefix").asString()).isEqualTo("001");
    JsonNode caskrId = null;
    for (JsonNode field : body.get("fields")) {
      if (field.get("name").asString().equals("Caskr_Id__c")) {
        caskrId = field;
      }
    }
    assertThat(caskrId).isNotNull();
    assertThat(caskrId.get("externalId").asBoolean()).isTrue();
    assertThat(caskrId.get("length").asInt()).isEqualTo(40);
  }
}
