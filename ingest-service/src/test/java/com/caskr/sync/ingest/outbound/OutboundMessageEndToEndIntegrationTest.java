package com.caskr.sync.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.ingest.testing.KafkaOutage;
import com.caskr.sync.ingest.testing.OutboundEmulator;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The emulator's real Outbound Message sender posts to the running service; what reaches Kafka is
 * read back from the broker. Producer timeouts are short here so a Kafka outage answers within
 * seconds.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.producer.properties.linger.ms=0",
      "spring.kafka.producer.properties.request.timeout.ms=1500",
      "spring.kafka.producer.properties.delivery.timeout.ms=4000",
      "ingest.outbound.ack-timeout=20s"
    })
@UsesTestInfrastructure
class OutboundMessageEndToEndIntegrationTest {

  private static final AtomicLong COMPANIES = new AtomicLong(5_300);
  private static final OutboundEmulator EMULATOR = OutboundEmulator.shared();
  private static final Duration DELIVERY = Duration.ofSeconds(90);

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConnectedOrgs orgs;
  @Autowired private MeterRegistry meters;

  @Test
  void publishesEachNotificationWithItsFieldsAndSystemModstampThenAcknowledges() {
    long company = COMPANIES.incrementAndGet();
    Org org = connectedOrg(company);
    String action = define(org, "Account", "anyChange", "Name", "Industry", "SystemModstamp");

    Set<String> ids =
        Set.of(
            account(org, "Copper Still Tavern"),
            account(org, "Juniper & Oak"),
            account(org, "The Mash Tun"));

    await().atMost(DELIVERY).until(() -> delivered(org, action) == 3);
    List<SalesforceRecordChanged> changes = changes(company);
    assertThat(changes).hasSize(3);
    assertThat(changes)
        .extracting(c -> c.recordId().value())
        .containsExactlyInAnyOrderElementsOf(ids);
    for (SalesforceRecordChanged change : changes) {
      assertThat(change.source()).isEqualTo(ChangeSource.OUTBOUND_MESSAGE);
      assertThat(change.entity()).isEqualTo(SalesforceEntity.ACCOUNT);
      assertThat(change.tenant().orgId()).isEqualTo(SalesforceId.of(org.id()));
      assertThat(change.fields()).containsKeys("Id", "Name", "Industry", "SystemModstamp");
      assertThat(change.sourceVersion())
          .isEqualTo(Instant.parse((String) change.fields().get("SystemModstamp")));
      assertThat(change.echo()).isFalse();
    }
    assertThat(changes)
        .extracting(c -> c.fields().get("Name"))
        .containsExactlyInAnyOrder("Copper Still Tavern", "Juniper & Oak", "The Mash Tun");
  }

  @Test
  void aMessageDeliveredAgainIsAcknowledgedWithoutPublishingTwice() {
    long company = COMPANIES.incrementAndGet();
    Org org = connectedOrg(company);
    String action = define(org, "Contact", "created", "LastName", "Email", "SystemModstamp");
    EMULATOR.duplicateNext(org, 5);
    double duplicatesBefore = counter("contact", "duplicate");

    String first = EMULATOR.create(org, "Contact", Map.of("LastName", "Okafor"));
    String second = EMULATOR.create(org, "Contact", Map.of("LastName", "Whitfield"));

    await()
        .atMost(DELIVERY)
        .until(
            () ->
                delivered(org, action) == 2
                    && EMULATOR.status(org, action).duplicated() >= 1
                    && counter("contact", "duplicate") > duplicatesBefore);
    assertThat(changes(company))
        .extracting(c -> c.recordId().value())
        .containsExactlyInAnyOrder(first, second);
  }

  @Test
  void repeatedNotificationIdsWithinOneMessageArePublishedOnce() throws Exception {
    long company = COMPANIES.incrementAndGet();
    Org org = connectedOrg(company);
    String account = SalesforceId.of("001000000000042").value();
    String notification =
        Soap.notification("04l000000000001", "Account", account, "<sf:Name>Twice</sf:Name>");

    HttpResponse<String> response =
        post("account", Soap.envelope(org.id(), notification + notification));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<Ack>true</Ack>");
    assertThat(changes(company)).extracting(c -> c.recordId().value()).containsExactly(account);
  }

  @Test
  void anOrgThatIsNotConnectedGetsAFaultAndNothingIsPublished() throws Exception {
    Org stranger = EMULATOR.newOrg("Not Connected Distilling");
    String action = define(stranger, "Account", "anyChange", "Name");
    double rejectedBefore = counter("account", "rejected");

    EMULATOR.create(stranger, "Account", Map.of("Name", "Foreign Spirits"));

    await()
        .atMost(DELIVERY)
        .until(
            () ->
                EMULATOR.status(stranger, action).queue().stream()
                    .anyMatch(queued -> queued.attempts() >= 1 && queued.lastError() != null));
    assertThat(EMULATOR.status(stranger, action).delivered()).isZero();
    assertThat(counter("account", "rejected")).isGreaterThan(rejectedBefore);
    SalesforceId strangerId = SalesforceId.of(stranger.id());
    assertThat(ChangeLog.read(change -> change.tenant().orgId().equals(strangerId))).isEmpty();

    HttpResponse<String> direct =
        post(
            "account",
            Soap.envelope(
                stranger.id(),
                Soap.notification(
                    "04l000000000002", "Account", "001000000000043", "<sf:Name>X</sf:Name>")));
    assertThat(direct.statusCode()).isEqualTo(500);
    assertThat(direct.body())
        .contains("<faultcode>soapenv:Client</faultcode>")
        .contains("is not a connected org");
  }

  @Test
  void malformedSoapGetsAClientFaultAndNothingIsPublished() throws Exception {
    long company = COMPANIES.incrementAndGet();
    Org org = connectedOrg(company);
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + Soap.envelope(
                    org.id(),
                    Soap.notification(
                        "04l000000000003", "Account", "001000000000044", "<sf:Name>&e;</sf:Name>"))
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());

    for (String body :
        List.of(
            "this is not xml",
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">",
            Soap.envelope(org.id(), ""),
            xxe,
            Soap.envelope(
                org.id(),
                Soap.notification(
                    "04l000000000004",
                    "Contact",
                    "003000000000044",
                    "<sf:LastName>C</sf:LastName>")))) {
      HttpResponse<String> response = post("account", body);
      assertThat(response.statusCode()).as(body).isEqualTo(500);
      assertThat(response.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/xml");
      assertThat(response.body()).contains("<faultcode>soapenv:Client</faultcode>");
    }
    assertThat(post("lead", Soap.envelope(org.id(), "")).statusCode()).isEqualTo(404);
    assertThat(changes(company)).isEmpty();
  }

  @Test
  void whileKafkaCannotAcknowledgeTheSenderRetriesAndNothingIsLost() throws Exception {
    long company = COMPANIES.incrementAndGet();
    Org org = connectedOrg(company);
    String action = define(org, "Account", "created", "Name", "SystemModstamp");

    String id;
    try (var outage = KafkaOutage.of(TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name())) {
      id = account(org, "Outage Ales");
      await()
          .atMost(DELIVERY)
          .until(
              () ->
                  EMULATOR.status(org, action).queue().stream()
                      .anyMatch(queued -> queued.attempts() >= 2 && queued.lastError() != null));
      assertThat(EMULATOR.status(org, action).delivered()).isZero();
      assertThat(changes(company)).isEmpty();
    }

    await().atMost(DELIVERY).until(() -> delivered(org, action) == 1);
    assertThat(changes(company)).extracting(c -> c.recordId().value()).containsExactly(id);
  }

  private Org connectedOrg(long company) {
    Org org = EMULATOR.newOrg("Distillery " + company);
    SalesforceId orgId = SalesforceId.of(org.id());
    var change =
        Connections.changed(
            company, orgId, ConnectionState.CONNECTED, URI.create(EMULATOR.baseUrl()));
    kafka.send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), change.kafkaKey(), change).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> orgs.byOrgId(orgId).isPresent());
    return org;
  }

  private String define(Org org, String object, String condition, String... fields) {
    String fieldList =
        java.util.Arrays.stream(fields).map(f -> "\"" + f + "\"").collect(Collectors.joining(","));
    return EMULATOR.define(
        org,
        """
        {"object": "%s", "condition": {"type": "%s"}, "fields": [%s], "endpointUrl": "%s"}
        """
            .formatted(object, condition, fieldList, endpoint(object.toLowerCase())));
  }

  private static String account(Org org, String name) {
    return EMULATOR.create(org, "Account", Map.of("Name", name));
  }

  private static long delivered(Org org, String action) {
    var status = EMULATOR.status(org, action);
    return status.queue().isEmpty() ? status.delivered() : -1;
  }

  private static List<SalesforceRecordChanged> changes(long company) {
    return ChangeLog.ofCompany(company).stream().map(ChangeLog.Entry::change).toList();
  }

  private double counter(String entity, String outcome) {
    String apiName = entity.substring(0, 1).toUpperCase() + entity.substring(1);
    var counter =
        meters
            .find("crm.ingest.events")
            .tag("source", "outbound_message")
            .tag("entity", apiName)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private String endpoint(String entity) {
    return "http://127.0.0.1:" + port + "/api/salesforce/outbound/" + entity;
  }

  private HttpResponse<String> post(String entity, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(endpoint(entity)))
              .header("Content-Type", "text/xml; charset=utf-8")
              .header("SOAPAction", "\"\"")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Hand-made Outbound Messages, for what the emulator never sends. */
  static final class Soap {

    private Soap() {}

    static String envelope(String orgId, String notifications) {
      return """
          <?xml version="1.0" encoding="UTF-8"?>\
          <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"\
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
          <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">\
          <OrganizationId>%s</OrganizationId><ActionId>04k000000000001</ActionId>\
          <SessionId xsi:nil="true"/>\
          <EnterpriseUrl>https://x.my.salesforce.com/services/Soap/c/64.0/%s</EnterpriseUrl>\
          <PartnerUrl>https://x.my.salesforce.com/services/Soap/u/64.0/%s</PartnerUrl>\
          %s</notifications></soapenv:Body></soapenv:Envelope>"""
          .formatted(orgId, orgId, orgId, notifications);
    }

    static String notification(String id, String type, String recordId, String fields) {
      return """
          <Notification><Id>%s</Id>\
          <sObject xsi:type="sf:%s" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">\
          <sf:Id>%s</sf:Id>%s</sObject></Notification>"""
          .formatted(id, type, recordId, fields);
    }
  }
}
