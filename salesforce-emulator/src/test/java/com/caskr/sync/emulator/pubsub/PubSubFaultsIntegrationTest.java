package com.caskr.sync.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.ReplayPreset;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "emulator.admin.token=test-admin-token")
@Import(PubSubTestBeans.class)
class PubSubFaultsIntegrationTest {

  private static final String TOPIC = "/data/AccountChangeEvent";

  @LocalServerPort int httpPort;
  @Autowired PubSubServer server;
  @Autowired Orgs orgs;
  @Autowired PubSubTestBeans.MintedSessions sessions;

  Org org;
  PubSubCalls calls;
  String accountId;

  @BeforeEach
  void connect() {
    org = PubSubTestBeans.demoOrg(orgs);
    calls = new PubSubCalls(server.port(), sessions.mint(org), org.id());
    accountId = org.create("Account", Map.of("Name", "Baltimore Inn"), admin());
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    calls.close();
  }

  @Test
  void dropsTheNextEvents() {
    post("/faults/drop", "{\"count\":2}");

    describe("one", "two", "three");

    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    assertThat(descriptions(subscriber.awaitEvents(2))).containsExactly(null, "three");
    assertThat(get("/faults").get("dropped").asLong()).isEqualTo(2);
  }

  @Test
  void duplicatesTheNextEvents() {
    post("/faults/duplicate", "{\"count\":1}");

    describe("one", "two");

    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    List<ConsumerEvent> events = subscriber.awaitEvents(4);
    assertThat(descriptions(events)).containsExactly(null, "one", "one", "two");
    assertThat(events.get(1).getReplayId()).isNotEqualTo(events.get(2).getReplayId());
  }

  @Test
  void reordersTheNextEvents() {
    JsonNode state = post("/faults/reorder", "{\"count\":3}");
    assertThat(state.get("reorderNext").asInt()).isEqualTo(3);

    describe("one", "two");
    assertThat(get("/faults").get("held").asInt()).isEqualTo(2);
    describe("three", "four");

    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    assertThat(descriptions(subscriber.awaitEvents(5)))
        .containsExactly(null, "three", "two", "one", "four");
  }

  @Test
  void clearingFaultsReleasesHeldEventsInOrder() {
    post("/faults/reorder", "{\"count\":5}");
    describe("one", "two");

    JsonNode state = delete("/faults");

    assertThat(state.get("held").asInt()).isZero();
    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    assertThat(descriptions(subscriber.awaitEvents(3))).containsExactly(null, "one", "two");
  }

  @Test
  void emitsGapEventsForTheRecordsGiven() {
    post("/faults/gap", "{\"changeType\":\"GAP_UPDATE\",\"recordIds\":[\"" + accountId + "\"]}");

    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    ConsumerEvent gap = subscriber.awaitEvents(2).get(1);
    GenericRecord body = decode(gap);
    GenericRecord header = (GenericRecord) body.get("ChangeEventHeader");
    assertThat(header.get("changeType").toString()).isEqualTo("GAP_UPDATE");
    assertThat(((List<?>) header.get("recordIds")).getFirst().toString()).isEqualTo(accountId);
    assertThat(body.get("Name")).isNull();
  }

  @Test
  void emitsAnOverflowEventWithoutRecordIds() {
    post("/faults/overflow", "{\"entity\":\"Account\"}");

    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    GenericRecord header =
        (GenericRecord) decode(subscriber.awaitEvents(2).get(1)).get("ChangeEventHeader");
    assertThat(header.get("changeType").toString()).isEqualTo("GAP_OVERFLOW");
    assertThat((List<?>) header.get("recordIds")).isEmpty();
  }

  @Test
  void expiringReplayIdsMakesOldOnesCorrupted() {
    var first = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 10);
    ByteString issued = first.awaitEvents(1).getFirst().getReplayId();

    JsonNode state = post("/faults/expire-replay-ids", "{}");

    assertThat(state.get("retainedEvents").asInt()).isZero();
    var replay = calls.subscribe(TOPIC, ReplayPreset.CUSTOM, issued, 10);
    assertThat(replay.awaitFailureCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(replay.awaitFailure().getTrailers().get(Refusals.ERROR_CODE))
        .endsWith("replayid.corrupted");
  }

  @Test
  void generatesSyntheticChangesThroughTheOrg() {
    JsonNode result = post("/synthetic-changes", "{\"entity\":\"Account\",\"count\":250}");

    assertThat(result.get("events").asInt()).isEqualTo(250);
    var subscriber = calls.subscribe(TOPIC, ReplayPreset.EARLIEST, 100);
    for (int received = 100; received < 251; received += 100) {
      subscriber.awaitEvents(received);
      subscriber.request(100);
    }
    assertThat(subscriber.awaitEvents(251)).hasSize(251);
    assertThat(org.read("Account", result.get("recordId").asString()).get("Description"))
        .isEqualTo("Synthetic change 249");
  }

  @Test
  void definesPlatformEventTypesPerOrg() {
    JsonNode created =
        post(
            "/platform-events",
            "{\"name\":\"Cask_Filled__e\",\"fields\":[\"Cask_Number__c\",\"Litres__c\"]}");

    assertThat(created.get("topic").asString()).isEqualTo("/event/Cask_Filled__e");
    var info =
        calls
            .blocking()
            .getTopic(
                com.caskr.sync.salesforce.pubsub.v1.TopicRequest.newBuilder()
                    .setTopicName("/event/Cask_Filled__e")
                    .build());
    assertThat(info.getCanPublish()).isTrue();
    assertThat(info.getSchemaId()).isEqualTo(created.get("schemaId").asString());
    Schema schema = Avro.schema(calls.blocking(), info.getSchemaId());
    assertThat(schema.getField("Litres__c")).isNotNull();
    assertThat(send("POST", "/platform-events", "{\"name\":\"Bad\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void rejectsBadInputAndUnknownOrgs() {
    assertThat(send("POST", "/faults/drop", "{\"count\":0}").statusCode()).isEqualTo(400);
    assertThat(
            send("POST", "/faults/gap", "{\"changeType\":\"UPDATE\",\"recordIds\":[]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/faults/overflow", "{\"entity\":\"User\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            Api.admin(httpPort).get("/emulator/orgs/00D000000000000AAA/pubsub/faults").statusCode())
        .isEqualTo(404);
  }

  private void describe(String... descriptions) {
    for (String description : descriptions) {
      org.update("Account", accountId, Map.of("Description", description), admin());
    }
  }

  private Caller admin() {
    return Caller.user(org.adminUserId());
  }

  private GenericRecord decode(ConsumerEvent event) {
    Schema schema = Avro.schema(calls.blocking(), event.getEvent().getSchemaId());
    return Avro.decode(schema, event.getEvent().getPayload());
  }

  private List<String> descriptions(List<ConsumerEvent> events) {
    return events.stream()
        .map(this::decode)
        .map(body -> body.get("Description") == null ? null : body.get("Description").toString())
        .toList();
  }

  private JsonNode get(String path) {
    return ok(send("GET", path, null));
  }

  private JsonNode post(String path, String body) {
    return ok(send("POST", path, body));
  }

  private JsonNode delete(String path) {
    return ok(send("DELETE", path, null));
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Api.json(response);
  }

  private HttpResponse<String> send(String method, String path, String body) {
    return Api.admin(httpPort).send(method, "/emulator/orgs/" + org.id() + "/pubsub" + path, body);
  }
}
