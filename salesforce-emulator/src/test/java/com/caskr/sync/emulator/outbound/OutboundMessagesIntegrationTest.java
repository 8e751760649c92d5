package com.caskr.sync.emulator.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.Api;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import com.caskr.sync.emulator.outbound.SoapListener.Received;
import com.caskr.sync.emulator.outbound.SoapListener.Reply;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

// A Salesforce day passes in 10 s; a listener that has not answered after 1 s has timed out.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "emulator.outbound.time-scale=8640",
      "emulator.outbound.request-timeout=1s",
      "emulator.outbound.duplicate-probability=0",
      "emulator.outbound.instance-url=https://em1.emulator.example",
      "emulator.admin.token=test-admin-token"
    })
class OutboundMessagesIntegrationTest {

  private static final JsonMapper JSON = Api.JSON;

  @LocalServerPort int port;
  @Autowired Orgs orgs;
  @Autowired OutboundSettings settings;

  private Org org;
  private Caller admin;
  private SoapListener listener;

  @BeforeEach
  void freshOrgAndListener() throws IOException {
    org =
        orgs.create(
            Orgs.Definition.named(
                    "Outbound " + UUID.randomUUID(), DemoDistillery.users().getFirst())
                .withUsers(DemoDistillery.users())
                .withSchema(DemoDistillery.schema()));
    admin = Caller.user(org.adminUserId());
    listener = new SoapListener();
  }

  @AfterEach
  void stopListener() {
    listener.close();
    orgs.remove(org.id());
  }

  @Test
  void sendsTheSoapEnvelopeSalesforceSends() {
    String actionId =
        define(
            """
            {"name": "New accounts", "object": "Account", "condition": {"type": "created"},
             "fields": ["Name", "AnnualRevenue", "Industry", "CreatedDate", "Caskr_Customer_Id__c"],
             "endpointUrl": "%s", "apiVersion": "62.0"}
            """
                .formatted(listener.url()));
    String accountId =
        org.create(
            "Account", Map.of("Name", "O'Brien & <Sons>", "AnnualRevenue", 15_000_000), admin);
    Instant created = (Instant) org.read("Account", accountId).get("CreatedDate");

    Received received = awaitMessages(1).getFirst();

    assertThat(received.contentType()).isEqualTo("text/xml; charset=utf-8");
    assertThat(received.soapAction()).isEqualTo("\"\"");
    var notificationId =
        Pattern.compile("<Notification><Id>(04l\\w{15})</Id>").matcher(received.body());
    assertThat(notificationId.find()).isTrue();
    assertThat(received.body())
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Body>"
                + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
                + "<OrganizationId>"
                + org.id()
                + "</OrganizationId>"
                + "<ActionId>"
                + actionId
                + "</ActionId>"
                + "<SessionId xsi:nil=\"true\"/>"
                + "<EnterpriseUrl>https://em1.emulator.example/services/Soap/c/62.0/"
                + org.id()
                + "</EnterpriseUrl>"
                + "<PartnerUrl>https://em1.emulator.example/services/Soap/u/62.0/"
                + org.id()
                + "</PartnerUrl>"
                + "<Notification><Id>"
                + notificationId.group(1)
                + "</Id>"
                + "<sObject xsi:type=\"sf:Account\""
                + " xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">"
                + "<sf:Id>"
                + accountId
                + "</sf:Id>"
                + "<sf:Name>O'Brien &amp; &lt;Sons&gt;</sf:Name>"
                + "<sf:AnnualRevenue>1.5E7</sf:AnnualRevenue>"
                + "<sf:Industry xsi:nil=\"true\"/>"
                + "<sf:CreatedDate>"
                + Soap.format(com.caskr.sync.emulator.org.FieldType.DATETIME, created)
                + "</sf:CreatedDate>"
                + "<sf:Caskr_Customer_Id__c xsi:nil=\"true\"/>"
                + "</sObject></Notification>"
                + "</notifications></soapenv:Body></soapenv:Envelope>");
    assertThat(Soap.format(com.caskr.sync.emulator.org.FieldType.DATETIME, created))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(actionId).startsWith("04k").hasSize(18);
    awaitStatus(actionId, s -> s.path("delivered").asLong() == 1 && s.path("pending").asInt() == 0);
    assertThat(admin("GET", "/actuator/prometheus", null).body())
        .contains("emulator_outbound_notifications_delivered_total{")
        .contains("org=\"" + org.id() + "\"");
  }

  @Test
  void batchesAtMostAHundredNotificationsOfOneObjectTypePerMessage() {
    define(
        """
        {"object": "Account", "condition": {"type": "created"}, "fields": ["Name"],
         "endpointUrl": "%s"}
        """
            .formatted(listener.url()));
    define(
        """
        {"object": "Contact", "condition": {"type": "created"}, "fields": ["LastName"],
         "endpointUrl": "%s"}
        """
            .formatted(listener.url()));
    // Failing at first lets the queue fill, so later messages carry full batches.
    listener.otherwiseReply(Reply.SERVER_ERROR);
    var accountIds = new HashSet<String>();
    for (int i = 0; i < 230; i++) {
      String accountId = org.create("Account", Map.of("Name", "Batch " + i), admin);
      accountIds.add(accountId);
      org.create("Contact", Map.of("LastName", "Person " + i, "AccountId", accountId), admin);
    }
    listener.otherwiseReply(Reply.ACK_TRUE);

    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedRecordIds().size() == 460);
    List<ReceivedMessage> messages =
        listener.received().stream().map(r -> ReceivedMessage.parse(r.body())).toList();
    assertThat(messages)
        .allSatisfy(
            m -> {
              assertThat(m.notifications()).hasSizeBetween(1, 100);
              assertThat(
                      m.notifications().stream()
                          .map(ReceivedMessage.Notification::xsiType)
                          .distinct())
                  .hasSize(1);
            });
    assertThat(messages).anySatisfy(m -> assertThat(m.notifications()).hasSize(100));
    assertThat(acknowledgedRecordIds()).containsAll(accountIds);
  }

  @Test
  void retriesAckFalseServerErrorsTimeoutsAndFaultsUntilAcknowledged() {
    String actionId =
        define(
            """
            {"object": "Account", "condition": {"type": "created"}, "fields": ["Name"],
             "endpointUrl": "%s"}
            """
                .formatted(listener.url()));
    listener.thenReply(Reply.ACK_FALSE, Reply.SERVER_ERROR, Reply.HANG, Reply.SOAP_FAULT);

    org.create("Account", Map.of("Name", "Persistent"), admin);

    JsonNode status =
        awaitStatus(
            actionId, s -> s.path("delivered").asLong() == 1 && s.path("pending").asInt() == 0);
    List<ReceivedMessage> attempts =
        listener.received().stream().map(r -> ReceivedMessage.parse(r.body())).toList();
    assertThat(attempts).hasSize(5);
    assertThat(attempts.stream().map(m -> m.notifications().getFirst().id()).distinct()).hasSize(1);
    assertThat(status.path("dropped").asLong()).isZero();
  }

  @Test
  void backsOffExponentiallyAndDropsTheNotificationAtTwentyFourHours() {
    String actionId =
        define(
            """
            {"object": "Account", "condition": {"type": "created"}, "fields": ["Name"],
             "endpointUrl": "%s"}
            """
                .formatted(listener.url()));
    listener.otherwiseReply(Reply.SERVER_ERROR);

    org.create("Account", Map.of("Name", "Unreachable"), admin);

    JsonNode failing =
        awaitStatus(actionId, s -> s.path("queue").path(0).path("attempts").asInt() >= 2);
    JsonNode queued = failing.path("queue").path(0);
    assertThat(queued.path("lastError").asString()).isEqualTo("HTTP 500");
    assertThat(Instant.parse(queued.path("nextAttempt").asString()))
        .isAfter(Instant.parse(queued.path("lastAttempt").asString()));
    Instant start = Instant.parse(queued.path("createdDate").asString());

    awaitStatus(
        actionId,
        Duration.ofSeconds(60),
        s -> s.path("dropped").asLong() == 1 && s.path("pending").asInt() == 0);
    List<Instant> times = listener.received().stream().map(Received::at).toList();
    // Salesforce waits 15 s, 30 s, 1 min … up to 2 h between attempts, for 24 h: some 20 tries.
    assertThat(times).hasSizeBetween(12, 30);
    for (int i = 1; i < times.size(); i++) {
      Duration gap = Duration.between(times.get(i - 1), times.get(i));
      Duration floor = settings.real(Backoff.after(i)).multipliedBy(8).dividedBy(10);
      assertThat(gap.plusMillis(50)).as("gap before attempt %d", i + 1).isGreaterThan(floor);
    }
    Duration lastAttemptAge = settings.emulated(Duration.between(start, times.getLast()));
    assertThat(lastAttemptAge).isLessThan(Duration.ofHours(24).plusMinutes(30));
    int before = listener.received().size();
    assertThat(status(actionId).path("queue").size()).isZero();
    assertThat(listener.received()).hasSize(before);
  }

  @Test
  void sendsTheLatestDataAndNoDataForDeletedRecords() {
    String actionId =
        define(
            """
            {"object": "Account", "condition": {"type": "created"}, "fields": ["Name", "Website"],
             "endpointUrl": "%s"}
            """
                .formatted(listener.url()));
    listener.otherwiseReply(Reply.SERVER_ERROR);
    String kept = org.create("Account", Map.of("Name", "First name"), admin);
    String deleted = org.create("Account", Map.of("Name", "Short-lived"), admin);
    org.update(
        "Account", kept, Map.of("Name", "Latest name", "Website", "https://x.example"), admin);
    org.delete(deleted, admin);
    acknowledgeOnceRetriedAfterTheWrites();

    awaitStatus(actionId, s -> s.path("delivered").asLong() == 2);
    Map<String, Map<String, String>> lastSent = new HashMap<>();
    for (Received r : listener.received()) {
      for (var n : ReceivedMessage.parse(r.body()).notifications()) {
        lastSent.put(n.fields().get("Id"), n.fields());
      }
    }
    assertThat(lastSent.get(kept))
        .containsEntry("Name", "Latest name")
        .containsEntry("Website", "https://x.example");
    assertThat(lastSent.get(deleted)).containsOnlyKeys("Id");
  }

  @Test
  void fieldEntersConditionFiresOnlyWhenTheOpportunityEntersClosedWon() {
    String actionId =
        define(
            """
            {"object": "Opportunity",
             "condition": {"type": "fieldEnters", "field": "StageName", "value": "Closed Won"},
             "fields": ["StageName", "Amount", "CloseDate", "IsWon"], "endpointUrl": "%s"}
            """
                .formatted(listener.url()));
    listener.otherwiseReply(Reply.SERVER_ERROR);
    String accountId = org.create("Account", Map.of("Name", "Buyer"), admin);
    String opportunity =
        org.create(
            "Opportunity",
            Map.of(
                "Name",
                "Cask order",
                "AccountId",
                accountId,
                "StageName",
                "Prospecting",
                "CloseDate",
                LocalDate.parse("2026-12-01"),
                "Amount",
                new BigDecimal("5000")),
            admin);
    org.update("Opportunity", opportunity, Map.of("StageName", "Closed Won"), admin);
    org.update("Opportunity", opportunity, Map.of("Amount", new BigDecimal("6000")), admin);
    org.update("Opportunity", opportunity, Map.of("StageName", "Closed Won"), admin);
    org.update("Opportunity", opportunity, Map.of("StageName", "Negotiation/Review"), admin);
    org.update("Opportunity", opportunity, Map.of("StageName", "Closed Won"), admin);
    String wonAtOnce =
        org.create(
            "Opportunity",
            Map.of(
                "Name",
                "Won at once",
                "AccountId",
                accountId,
                "StageName",
                "Closed Won",
                "CloseDate",
                LocalDate.parse("2026-12-01")),
            admin);

    acknowledgeOnceRetriedAfterTheWrites();

    // Conditions are evaluated inside each write, so the queue is complete here.
    awaitStatus(actionId, s -> s.path("pending").asInt() == 0);
    var lastSent = new java.util.LinkedHashMap<String, ReceivedMessage.Notification>();
    listener.received().stream()
        .flatMap(r -> ReceivedMessage.parse(r.body()).notifications().stream())
        .forEach(n -> lastSent.put(n.id(), n));
    var sent = new ArrayList<>(lastSent.values());
    assertThat(sent)
        .extracting(n -> n.fields().get("Id"))
        .containsExactlyInAnyOrder(opportunity, opportunity, wonAtOnce);
    assertThat(sent)
        .allSatisfy(
            n -> {
              assertThat(n.xsiType()).isEqualTo("sf:Opportunity");
              assertThat(n.fields())
                  .containsEntry("StageName", "Closed Won")
                  .containsEntry("IsWon", "true");
            });
    assertThat(sent.getFirst().fields())
        .containsEntry("Amount", "6000.0")
        .containsEntry("CloseDate", "2026-12-01");
  }

  @Test
  void duplicatesTheNextMessagesOnRequest() {
    String actionId =
        define(
            """
            {"object": "Account", "condition": {"type": "created"}, "fields": ["Name"],
             "endpointUrl": "%s"}
            """
                .formatted(listener.url()));
    var fault = admin("POST", base() + "/faults/duplicate", "{\"count\": 1}");
    assertThat(fault.statusCode()).isEqualTo(204);

    org.create("Account", Map.of("Name", "Twice"), admin);
    awaitStatus(actionId, s -> s.path("delivered").asLong() == 1);
    org.create("Account", Map.of("Name", "Once"), admin);
    JsonNode status = awaitStatus(actionId, s -> s.path("delivered").asLong() == 2);

    List<String> ids =
        listener.received().stream()
            .map(r -> ReceivedMessage.parse(r.body()).notifications().getFirst().id())
            .toList();
    assertThat(ids).hasSize(3);
    assertThat(ids.get(0)).isEqualTo(ids.get(1));
    assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    assertThat(status.path("duplicated").asLong()).isEqualTo(1);
  }

  @Test
  void sendsALiveSessionOfTheSendAsUserWhenAsked() {
    String username = DemoDistillery.users().get(1).username();
    define(
        """
        {"object": "Account", "condition": {"type": "created"}, "fields": ["Name"],
         "endpointUrl": "%s", "sendSessionId": true, "username": "%s"}
        """
            .formatted(listener.url(), username));
    String accountId = org.create("Account", Map.of("Name", "Call me back"), admin);

    ReceivedMessage message = ReceivedMessage.parse(awaitMessages(1).getFirst().body());

    assertThat(message.sessionId()).startsWith(org.id().substring(0, 15) + "!");
    var callBack =
        new Api(port, message.sessionId())
            .get("/services/data/v62.0/sobjects/Account/" + accountId);
    assertThat(callBack.statusCode()).isEqualTo(200);
  }

  @Test
  void triggersListsAndDeletesDefinitionsOverTheAdminApi() {
    String actionId =
        define(
            """
            {"object": "Contact", "condition": {"type": "anyChange"}, "fields": ["Email"],
             "endpointUrl": "%s"}
            """
                .formatted(listener.url()));
    listener.otherwiseReply(Reply.SERVER_ERROR);
    String accountId = org.create("Account", Map.of("Name", "Quiet"), admin);
    String contactId =
        org.create("Contact", Map.of("LastName", "Old", "AccountId", accountId), admin);
    var triggered =
        admin(
            "POST",
            base() + "/" + actionId + "/trigger",
            "{\"recordIds\": [\"" + contactId + "\"]}");
    assertThat(triggered.statusCode()).isEqualTo(202);
    awaitStatus(actionId, s -> s.path("queue").size() == 2);

    JsonNode listed = JSON.readTree(admin("GET", base(), null).body());
    assertThat(listed).hasSize(1);
    assertThat(listed.path(0).path("actionId").asString()).isEqualTo(actionId);
    assertThat(listed.path(0).path("condition").path("type").asString()).isEqualTo("anyChange");

    assertThat(
            admin(
                    "POST",
                    base() + "/" + actionId + "/trigger",
                    "{\"recordIds\": [\"" + accountId + "\"]}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            admin(
                    "POST",
                    base(),
                    "{\"object\": \"Case\", \"condition\": {\"type\": \"created\"}, \"endpointUrl\": \"http://x.example\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            admin(
                    "POST",
                    base(),
                    "{\"object\": \"Account\", \"condition\": {\"type\": \"created\"}, \"fields\": [\"Nope\"], \"endpointUrl\": \"http://x.example\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            admin("GET", "/emulator/orgs/00D000000000000AAA/outbound-messages", null).statusCode())
        .isEqualTo(404);

    assertThat(admin("DELETE", base() + "/" + actionId, null).statusCode()).isEqualTo(204);
    assertThat(admin("GET", base() + "/" + actionId, null).statusCode()).isEqualTo(404);
    int sent = listener.received().size();
    org.update("Contact", contactId, Map.of("LastName", "New"), admin);
    assertThat(JSON.readTree(admin("GET", base(), null).body())).isEmpty();
    assertThat(listener.received().size()).isLessThanOrEqualTo(sent + 1);
  }

  /**
   * The listener fails until it has seen two more requests (the sender has at most one in flight,
   * so the second was built after the writes), then acknowledges.
   */
  private void acknowledgeOnceRetriedAfterTheWrites() {
    int seen = listener.received().size();
    awaitMessages(seen + 2);
    listener.otherwiseReply(Reply.ACK_TRUE);
  }

  private String base() {
    return "/emulator/orgs/" + org.id() + "/outbound-messages";
  }

  private String define(String body) {
    var response = admin("POST", base(), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("actionId").asString();
  }

  private JsonNode status(String actionId) {
    var response = admin("GET", base() + "/" + actionId, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode awaitStatus(String actionId, java.util.function.Predicate<JsonNode> condition) {
    return awaitStatus(actionId, Duration.ofSeconds(30), condition);
  }

  private JsonNode awaitStatus(
      String actionId, Duration atMost, java.util.function.Predicate<JsonNode> condition) {
    return await().atMost(atMost).until(() -> status(actionId), condition);
  }

  private List<Received> awaitMessages(int count) {
    return await().atMost(Duration.ofSeconds(30)).until(listener::received, r -> r.size() >= count);
  }

  private java.util.Set<String> acknowledgedRecordIds() {
    var ids = new HashSet<String>();
    listener.received().stream()
        .map(r -> ReceivedMessage.parse(r.body()))
        .forEach(m -> m.notifications().forEach(n -> ids.add(n.fields().get("Id"))));
    return ids;
  }

  private HttpResponse<String> admin(String method, String path, String body) {
    return Api.admin(port).send(method, path, body);
  }
}
