package com.caskr.sync.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.TestClock;
import com.caskr.sync.salesforce.pubsub.v1.ConsumerEvent;
import com.caskr.sync.salesforce.pubsub.v1.ReplayPreset;
import com.caskr.sync.salesforce.pubsub.v1.TopicInfo;
import com.caskr.sync.salesforce.pubsub.v1.TopicRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PubSubTestBeans.class)
class ChangeEventsIntegrationTest {

  private static final String API = "/services/data/v62.0/";

  @LocalServerPort int httpPort;
  @Autowired PubSubServer server;
  @Autowired Orgs orgs;
  @Autowired TestClock clock;
  @Autowired PubSubTestBeans.MintedSessions sessions;

  Org org;
  String token;
  PubSubCalls calls;

  @BeforeEach
  void connect() {
    org = PubSubTestBeans.demoOrg(orgs);
    token = sessions.mint(org);
    calls = new PubSubCalls(server.port(), token, org.id());
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    calls.close();
  }

  @Test
  void restCreateArrivesAsCdcCreateWithFullValuesAndTheClientInChangeOrigin() {
    var subscriber = calls.subscribe("/data/AccountChangeEvent", ReplayPreset.EARLIEST, 10);

    String id =
        rest("POST", "sobjects/Account", "{\"Name\":\"Kilbeggan Bar\",\"Industry\":\"Retail\"}")
            .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

    ConsumerEvent event = subscriber.awaitEvents(1).getFirst();
    Schema schema = Avro.schema(calls.blocking(), event.getEvent().getSchemaId());
    GenericRecord body = Avro.decode(schema, event.getEvent().getPayload());
    GenericRecord header = (GenericRecord) body.get("ChangeEventHeader");
    assertThat(header.get("changeType").toString()).isEqualTo("CREATE");
    assertThat(header.get("entityName").toString()).isEqualTo("Account");
    assertThat(strings(header.get("recordIds"))).containsExactly(id);
    assertThat(header.get("changeOrigin").toString())
        .isEqualTo("com/salesforce/api/rest/62.0;client=caskr-sync");
    assertThat(header.get("commitUser").toString()).isEqualTo(org.adminUserId());
    assertThat(header.get("commitTimestamp")).isEqualTo(clock.instant().toEpochMilli());
    assertThat(body.get("Name").toString()).isEqualTo("Kilbeggan Bar");
    assertThat(body.get("Industry").toString()).isEqualTo("Retail");
    assertThat(body.get("CreatedDate")).isEqualTo(clock.instant().toEpochMilli());
    assertThat(schema.getField("Id")).isNull();
  }

  @Test
  void restUpdateBitmapsNameExactlyTheChangedAndNulledFields() {
    String id =
        org.create(
            "Account",
            Map.of("Name", "Dingle Stores", "Phone", "+353 66 915 0000", "Industry", "Retail"),
            Caller.user(org.adminUserId()));
    var subscriber = calls.subscribe("/data/AccountChangeEvent", ReplayPreset.EARLIEST, 10);
    subscriber.awaitEvents(1);
    clock.advance(Duration.ofMinutes(5));

    rest(
        "PATCH",
        "sobjects/Account/" + id,
        "{\"Industry\":\"Hospitality\",\"Phone\":null,\"BillingCity\":\"Cork\"}");

    ConsumerEvent event = subscriber.awaitEvents(2).get(1);
    Schema schema = Avro.schema(calls.blocking(), event.getEvent().getSchemaId());
    GenericRecord body = Avro.decode(schema, event.getEvent().getPayload());
    GenericRecord header = (GenericRecord) body.get("ChangeEventHeader");
    assertThat(header.get("changeType").toString()).isEqualTo("UPDATE");
    assertThat(ChangeEventBitmaps.decode(schema, (List<?>) header.get("changedFields")))
        .containsExactlyInAnyOrder("Industry", "Phone", "BillingAddress.City", "LastModifiedDate");
    assertThat(ChangeEventBitmaps.decode(schema, (List<?>) header.get("nulledFields")))
        .containsExactly("Phone");
    assertThat(strings(header.get("changedFields")))
        .allMatch(b -> b.matches("0x[0-9A-F]+|\\d+-0x[0-9A-F]+"));
    assertThat(body.get("Industry").toString()).isEqualTo("Hospitality");
    assertThat(body.get("Phone")).isNull();
    assertThat(body.get("Name")).as("unchanged fields are null").isNull();
    assertThat(((GenericRecord) body.get("BillingAddress")).get("City").toString())
        .isEqualTo("Cork");
    assertThat(header.get("changeOrigin").toString()).endsWith(";client=caskr-sync");
  }

  @Test
  void contactNameIsACompoundFieldAddressedWithThePositionForm() {
    String id =
        org.create(
            "Contact",
            Map.of("FirstName", "Aoife", "LastName", "Byrne"),
            Caller.user(org.adminUserId()));
    var subscriber = calls.subscribe("/data/ContactChangeEvent", ReplayPreset.EARLIEST, 10);

    org.update("Contact", id, Map.of("FirstName", "Aoibhe"), Caller.user(org.adminUserId()));

    ConsumerEvent event = subscriber.awaitEvents(2).get(1);
    Schema schema = Avro.schema(calls.blocking(), event.getEvent().getSchemaId());
    GenericRecord body = Avro.decode(schema, event.getEvent().getPayload());
    GenericRecord header = (GenericRecord) body.get("ChangeEventHeader");
    int namePosition = schema.getField("Name").pos();
    assertThat(strings(header.get("changedFields"))).contains(namePosition + "-0x02");
    assertThat(ChangeEventBitmaps.decode(schema, (List<?>) header.get("changedFields")))
        .containsExactly("Name.FirstName");
    assertThat(((GenericRecord) body.get("Name")).get("FirstName").toString()).isEqualTo("Aoibhe");
    assertThat(schema.getField("FirstName")).as("a name part is not top-level").isNull();
  }

  @Test
  void aCascadingDeleteIsOneTransactionInSequenceAndUndeleteCarriesFullValues() {
    String account =
        org.create("Account", Map.of("Name", "Clonakilty Hotel"), Caller.user(org.adminUserId()));
    String contact =
        org.create(
            "Contact",
            Map.of("LastName", "Walsh", "AccountId", account),
            Caller.user(org.adminUserId()));
    var subscriber = calls.subscribe("/data/ChangeEvents", ReplayPreset.EARLIEST, 10);

    rest("DELETE", "sobjects/Account/" + account, null);
    org.undelete(account, Caller.user(org.adminUserId()));

    // The firehose: two CREATEs, then the delete's and the undelete's two events each.
    List<ConsumerEvent> events = subscriber.awaitEvents(6).subList(2, 6);
    Schema accountSchema = Avro.schema(calls.blocking(), events.get(0).getEvent().getSchemaId());
    Schema contactSchema = Avro.schema(calls.blocking(), events.get(1).getEvent().getSchemaId());
    GenericRecord deletedAccount =
        Avro.decode(accountSchema, events.get(0).getEvent().getPayload());
    GenericRecord deletedContact =
        Avro.decode(contactSchema, events.get(1).getEvent().getPayload());
    GenericRecord h1 = (GenericRecord) deletedAccount.get("ChangeEventHeader");
    GenericRecord h2 = (GenericRecord) deletedContact.get("ChangeEventHeader");
    assertThat(h1.get("changeType").toString()).isEqualTo("DELETE");
    assertThat(h2.get("changeType").toString()).isEqualTo("DELETE");
    assertThat(strings(h2.get("recordIds"))).containsExactly(contact);
    assertThat(h1.get("transactionKey").toString()).isEqualTo(h2.get("transactionKey").toString());
    assertThat(List.of(h1.get("sequenceNumber"), h2.get("sequenceNumber"))).containsExactly(1, 2);
    assertThat(h1.get("commitNumber")).isEqualTo(h2.get("commitNumber"));
    assertThat(deletedAccount.get("Name")).as("DELETE bodies are empty").isNull();

    GenericRecord restored = Avro.decode(accountSchema, events.get(2).getEvent().getPayload());
    GenericRecord h3 = (GenericRecord) restored.get("ChangeEventHeader");
    assertThat(h3.get("changeType").toString()).isEqualTo("UNDELETE");
    assertThat(h3.get("transactionKey").toString())
        .isNotEqualTo(h1.get("transactionKey").toString());
    assertThat(restored.get("Name").toString()).isEqualTo("Clonakilty Hotel");
  }

  @Test
  void aCollectionsCreateArrivesRowByRowWithSequenceNumbersPerTransaction() {
    var subscriber = calls.subscribe("/data/AccountChangeEvent", ReplayPreset.EARLIEST, 10);

    rest(
        "POST",
        "composite/sobjects",
        "{\"records\":["
            + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Row 1\"},"
            + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Row 2\"},"
            + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Row 3\"}]}");

    List<ConsumerEvent> events = subscriber.awaitEvents(3);
    Schema schema = Avro.schema(calls.blocking(), events.getFirst().getEvent().getSchemaId());
    var bodies = events.stream().map(e -> Avro.decode(schema, e.getEvent().getPayload())).toList();
    assertThat(bodies)
        .extracting(b -> b.get("Name").toString())
        .containsExactly("Row 1", "Row 2", "Row 3");
    var sequences = new java.util.HashMap<String, List<Integer>>();
    for (GenericRecord body : bodies) {
      GenericRecord header = (GenericRecord) body.get("ChangeEventHeader");
      assertThat(header.get("changeOrigin").toString()).endsWith(";client=caskr-sync");
      sequences
          .computeIfAbsent(
              header.get("transactionKey").toString(), k -> new java.util.ArrayList<>())
          .add((Integer) header.get("sequenceNumber"));
    }
    // One transaction per row today; one for the whole call once collections are transactional.
    sequences
        .values()
        .forEach(
            numbers ->
                assertThat(numbers)
                    .isEqualTo(
                        java.util.stream.IntStream.rangeClosed(1, numbers.size())
                            .boxed()
                            .toList()));
  }

  @Test
  void getTopicAndGetSchemaDescribeTheOrgsTopics() {
    TopicInfo account =
        calls
            .blocking()
            .getTopic(TopicRequest.newBuilder().setTopicName("/data/AccountChangeEvent").build());
    TopicInfo platform =
        calls
            .blocking()
            .getTopic(TopicRequest.newBuilder().setTopicName("/event/Caskr_Sync__e").build());

    assertThat(account.getTenantGuid()).isEqualTo(org.id());
    assertThat(account.getCanPublish()).isFalse();
    assertThat(account.getCanSubscribe()).isTrue();
    assertThat(account.getRpcId()).isNotEmpty().isNotEqualTo(platform.getRpcId());
    assertThat(platform.getCanPublish()).isTrue();
    assertThat(account.getSchemaId()).hasSize(22);

    Schema schema = Avro.schema(calls.blocking(), account.getSchemaId());
    assertThat(schema.getFullName()).isEqualTo("com.sforce.eventbus.AccountChangeEvent");
    assertThat(schema.getFields().getFirst().name()).isEqualTo("ChangeEventHeader");
    assertThat(schema.getField("IsDeleted")).isNull();
    assertThat(schema.getField("SystemModstamp")).isNull();
    assertThat(schema.getField("BillingCity")).isNull();
    assertThat(schema.getField("BillingAddress").schema().getTypes().get(1).getName())
        .isEqualTo("Address");
    Schema.Field created = schema.getField("CreatedDate");
    assertThat(created.doc()).isEqualTo("CreatedDate:DateTime");
    assertThat(created.schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.LONG);
    assertThat(created.defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
    Schema header = schema.getField("ChangeEventHeader").schema();
    assertThat(header.getField("changeType").schema().getEnumSymbols())
        .contains("GAP_UPDATE", "GAP_OVERFLOW");

    String opportunityId =
        calls
            .blocking()
            .getTopic(
                TopicRequest.newBuilder().setTopicName("/data/OpportunityChangeEvent").build())
            .getSchemaId();
    Schema opportunity = Avro.schema(calls.blocking(), opportunityId);
    assertThat(opportunity.getField("IsClosed")).isNull();
    assertThat(opportunity.getField("IsWon")).isNull();
    assertThat(opportunity.getField("ExpectedRevenue")).isNull();
    assertThat(opportunity.getField("CloseDate").doc()).isEqualTo("CloseDate:Date");
    assertThat(opportunity.getField("Amount").schema().getTypes().get(1).getType())
        .isEqualTo(Schema.Type.DOUBLE);
    assertThat(
            calls
                .blocking()
                .getTopic(
                    TopicRequest.newBuilder()
                        .setTopicName("/data/OpportunityLineItemChangeEvent")
                        .build())
                .getSchemaId())
        .isNotEmpty();
  }

  @Test
  void unknownTopicsAndSchemasAreRefused() {
    assertThatThrownBy(
            () ->
                calls
                    .blocking()
                    .getTopic(TopicRequest.newBuilder().setTopicName("/event/Nope__e").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                calls
                    .blocking()
                    .getTopic(TopicRequest.newBuilder().setTopicName("AccountChange").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> Avro.schema(calls.blocking(), "no-such-schema"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    var subscriber = calls.subscribe("/data/LeadChangeEvent", ReplayPreset.LATEST, 1);
    assertThat(subscriber.awaitFailureCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void refusesCallsWithoutAValidSessionOfTheTenant() throws InterruptedException {
    Org other = PubSubTestBeans.demoOrg(orgs);
    var cases =
        List.of(
            new PubSubCalls(server.port(), "00D!not-a-session", org.id()),
            new PubSubCalls(server.port(), null, org.id()),
            new PubSubCalls(server.port(), token, other.id()),
            new PubSubCalls(server.port(), sessions.mint(org, Set.of("refresh_token")), org.id()));
    for (PubSubCalls call : cases) {
      try (call) {
        assertThatThrownBy(
                () ->
                    call.blocking()
                        .getTopic(
                            TopicRequest.newBuilder()
                                .setTopicName("/data/AccountChangeEvent")
                                .build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                  assertThat(e.getTrailers().get(Refusals.ERROR_CODE))
                      .isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
                  String rpcId = e.getTrailers().get(Refusals.RPC_ID);
                  assertThat(rpcId).isNotBlank();
                  assertThat(e.getStatus().getDescription()).endsWith("rpcId: " + rpcId);
                  assertThat(e.getStatus().getDescription()).doesNotContain(token);
                });
        var subscriber = call.subscribe("/data/AccountChangeEvent", ReplayPreset.LATEST, 1);
        assertThat(subscriber.awaitFailureCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      }
    }
  }

  private String rest(String method, String path, String body) {
    HttpResponse<String> response =
        new Api(httpPort, token, "Sforce-Call-Options", "client=caskr-sync")
            .send(method, API + path, body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response.body();
  }

  private static List<String> strings(Object avroArray) {
    return ((List<?>) avroArray).stream().map(Object::toString).toList();
  }
}
