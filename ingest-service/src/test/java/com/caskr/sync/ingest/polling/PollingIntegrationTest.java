package com.caskr.sync.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.ingest.records.RowChanges;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.MappingTables;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.ingest.testing.PrimaryEmulatorTokens;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.events.SyncMode;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * SOQL polling end to end: the emulator over real HTTP, the shared Kafka broker, PostgreSQL with
 * ingest's and mapping-service's schemas, leadership through the real advisory locks.
 */
@SpringBootTest(
    properties = {
      "ingest.polling.tick=200ms",
      "ingest.polling.limit-backoff=1s",
      "ingest.polling.limit-backoff-max=2s",
      "ingest.leadership.check-interval=200ms",
      "ingest.reconcile.enabled=false"
    })
@UsesTestInfrastructure
@Import(PrimaryEmulatorTokens.class)
class PollingIntegrationTest {

  private static final Emulator EMULATOR = Emulator.shared();
  private static final AtomicLong COMPANIES = new AtomicLong(7_100);
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @Autowired private DataSource dataSource;
  @Autowired private JdbcClient jdbc;
  @Autowired private OrgLeadership leadership;
  @Autowired private OrgClients clients;
  @Autowired private PollSchedule polls;
  @Autowired private ChangePublisher publisher;
  @Autowired private RowChanges rowChanges;
  @Autowired private EntityFields fields;
  @Autowired private MeterRegistry meters;

  @BeforeEach
  void mappingSchema() {
    MappingTables.migrate(dataSource);
  }

  @Test
  void publishesEveryPageThenOnlyWhatChangedIncludingDeletesAndALateCommitInsideTheOverlap() {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Polling pages");
    Tenant tenant = org.tenant(company);
    SalesforceRestClient rest = connect(company, org);
    List<SalesforceId> ids = createAccounts(rest, 2_100, "Distillery");

    lead(tenant);

    await()
        .atMost(WITHIN)
        .until(() -> polled(company, SalesforceEntity.ACCOUNT).size() >= ids.size());
    List<SalesforceRecordChanged> first = polled(company, SalesforceEntity.ACCOUNT);
    assertThat(first).hasSize(2_100);
    assertThat(first.stream().map(SalesforceRecordChanged::recordId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(first.getFirst().fields()).containsKeys("Name", "BillingCity", "SystemModstamp");
    // The owner comes with its email, the relationship mapping-service assigns owners by.
    String ownerId = (String) first.getFirst().fields().get("OwnerId");
    assertThat(first.getFirst().fields())
        .containsEntry(
            "Owner",
            Map.of("Id", ownerId, "Email", org.org().row(ownerId).orElseThrow().get("Email")));
    assertThat(first.getFirst().changeType()).isEqualTo(ChangeType.UPSERT);
    PollCursor cursor = cursor(tenant, SalesforceEntity.ACCOUNT);
    assertThat(cursor.recordId()).isIn(ids);
    assertThat(
            jdbc.sql(
                    "select records_processed from mapping.crm_sync_logs where company_id = ?"
                        + " and entity = 'Account' and operation = 'POLL' and status = 'SUCCESS'")
                .param(company)
                .query(Integer.class)
                .list())
        .contains(2_100);

    rest.update("Account", ids.get(5), Map.of("Industry", "Retail"));
    rest.delete("Account", ids.get(6));
    SalesforceId late = commitLate(org, ids.get(7), cursor.systemModstamp().minusSeconds(60));

    polls.pollNow(tenant, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "trace-poll");

    List<SalesforceRecordChanged> second =
        polled(company, SalesforceEntity.ACCOUNT).stream()
            .filter(change -> change.traceId().equals("trace-poll"))
            .toList();
    assertThat(second)
        .extracting(SalesforceRecordChanged::recordId, SalesforceRecordChanged::changeType)
        .containsExactlyInAnyOrder(
            tuple(ids.get(5), ChangeType.UPSERT),
            tuple(ids.get(6), ChangeType.DELETE),
            tuple(late, ChangeType.UPSERT));
    assertThat(second)
        .filteredOn(change -> change.recordId().equals(ids.get(5)))
        .singleElement()
        .satisfies(change -> assertThat(change.fields()).containsEntry("Industry", "Retail"));
    assertThat(cursor(tenant, SalesforceEntity.ACCOUNT)).isGreaterThan(cursor);
  }

  @Test
  void opportunitiesCarryTheirCurrentLineItems() {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Polling lines");
    Tenant tenant = org.tenant(company);
    SalesforceRestClient rest = connect(company, org);
    SalesforceId withLines = opportunityWithLines(rest, org, 2);
    SalesforceId without =
        rest.create(
            "Opportunity",
            Map.of("Name", "No lines", "StageName", "Prospecting", "CloseDate", "2026-12-31"));

    lead(tenant);

    await().atMost(WITHIN).until(() -> polled(company, SalesforceEntity.OPPORTUNITY).size() >= 2);
    Map<SalesforceId, SalesforceRecordChanged> byId =
        polled(company, SalesforceEntity.OPPORTUNITY).stream()
            .collect(Collectors.toMap(SalesforceRecordChanged::recordId, change -> change));
    assertThat(byId.get(withLines).lineItems())
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .containsEntry("OpportunityId", withLines.value())
                    .containsKeys("Quantity", "UnitPrice", "PricebookEntryId"));
    assertThat(byId.get(without).lineItems()).isEmpty();
  }

  @Test
  void backsOffWhileTheApiAllocationIsSpentAndResumesWhenItRecovers() {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Polling limits");
    Tenant tenant = org.tenant(company);
    SalesforceRestClient rest = connect(company, org);
    lead(tenant);
    await().atMost(WITHIN).until(() -> cursorRowPolled(tenant));
    SalesforceId before = createAccounts(rest, 1, "Before the limit").getFirst();
    double backoffs = backoffs();
    EMULATOR.admin(org.org(), "faults/api-limit", "{}");

    assertThatThrownBy(
            () ->
                polls.pollNow(
                    tenant, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "trace-limit"))
        .hasMessageContaining("daily API allocation is spent");
    assertThat(backoffs()).isGreaterThan(backoffs);
    assertThat(
            jdbc.sql(
                    "select error_code from mapping.crm_sync_logs where company_id = ?"
                        + " and status = 'FAILED'")
                .param(company)
                .query(String.class)
                .list())
        .contains("REQUEST_LIMIT_EXCEEDED");
    assertThat(polled(company, SalesforceEntity.ACCOUNT))
        .extracting(SalesforceRecordChanged::recordId)
        .doesNotContain(before);

    clearFaults(org);

    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              polls.pollNow(
                  tenant, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "trace-resume");
              assertThat(polled(company, SalesforceEntity.ACCOUNT))
                  .extracting(SalesforceRecordChanged::recordId)
                  .contains(before);
            });
  }

  @Test
  void leavesTheCursorWhereItWasWhenKafkaDoesNotAcknowledge() {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Polling without Kafka");
    Tenant tenant = org.tenant(company);
    SalesforceRestClient rest = connect(company, org);
    createAccounts(rest, 3, "Acknowledged");
    SoqlPoller working = poller(publisher);
    working.poll(tenant, rest, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "t1");
    PollCursor acknowledged = cursor(tenant, SalesforceEntity.ACCOUNT);
    List<SalesforceId> unacknowledged = createAccounts(rest, 3, "Kafka down");

    var unreachable = unreachableKafka();
    try {
      SoqlPoller kafkaDown = poller(publisherOn(new KafkaTemplate<>(unreachable)));
      assertThatThrownBy(
              () ->
                  kafkaDown.poll(
                      tenant, rest, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "t2"))
          .isInstanceOf(SoqlPoller.PublishFailed.class);
    } finally {
      unreachable.destroy();
    }
    assertThat(cursor(tenant, SalesforceEntity.ACCOUNT)).isEqualTo(acknowledged);

    working.poll(tenant, rest, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "t3");
    assertThat(polled(company, SalesforceEntity.ACCOUNT))
        .extracting(SalesforceRecordChanged::recordId)
        .containsAll(unacknowledged);
    assertThat(cursor(tenant, SalesforceEntity.ACCOUNT).recordId()).isIn(unacknowledged);
  }

  @Test
  void theOverlapIsNotPublishedAgainByAPollerThatRestarted() {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Polling restart");
    Tenant tenant = org.tenant(company);
    SalesforceRestClient rest = connect(company, org);
    List<SalesforceId> ids = createAccounts(rest, 30, "Before restart");
    poller(publisher)
        .poll(tenant, rest, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "before");
    assertThat(polled(company, SalesforceEntity.ACCOUNT)).hasSize(30);
    rest.update("Account", ids.get(3), Map.of("Industry", "Retail"));

    // A new poller holds nothing in memory, as after a restart or a failover; every record is
    // still inside the 5-minute overlap behind the cursor.
    PollRun afterRestart =
        poller(publisher)
            .poll(tenant, rest, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "after");

    assertThat(afterRestart.read()).isEqualTo(30);
    assertThat(
            polled(company, SalesforceEntity.ACCOUNT).stream()
                .filter(change -> change.traceId().equals("after"))
                .map(SalesforceRecordChanged::recordId))
        .containsExactly(ids.get(3));
  }

  private SoqlPoller poller(ChangePublisher to) {
    return new SoqlPoller(
        new JdbcPollingCursors(jdbc),
        to,
        rowChanges,
        fields,
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Clock.systemUTC());
  }

  /** A real producer whose broker is gone: sends fail once metadata cannot be fetched. */
  private static DefaultKafkaProducerFactory<String, SyncEvent> unreachableKafka() {
    return new DefaultKafkaProducerFactory<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000),
        new StringSerializer(),
        new EventSerializer());
  }

  private static ChangePublisher publisherOn(KafkaTemplate<String, SyncEvent> template) {
    return changes ->
        CompletableFuture.allOf(
            changes.stream()
                .map(
                    change ->
                        template.send(
                            TopicCatalogue.topicFor(change).name(), change.kafkaKey(), change))
                .toArray(CompletableFuture[]::new));
  }

  private SalesforceRestClient connect(long company, OrgAccess org) {
    PrimaryEmulatorTokens.TOKENS.connect(company, org);
    return clients.forOrg(org.tenant(company)).rest();
  }

  private void lead(Tenant tenant) {
    leadership.compete(tenant);
    await().atMost(WITHIN).until(() -> leadership.leads(tenant));
  }

  private boolean cursorRowPolled(Tenant tenant) {
    return jdbc.sql(
                "select count(*) from mapping.crm_sync_logs where company_id = ? and entity ="
                    + " 'Account' and operation = 'POLL'")
            .param(tenant.companyId())
            .query(Integer.class)
            .single()
        > 0;
  }

  private double backoffs() {
    var counter = meters.find("crm.poll.limit.backoffs").counter();
    return counter == null ? 0 : counter.count();
  }

  private PollCursor cursor(Tenant tenant, SalesforceEntity entity) {
    return new JdbcPollingCursors(jdbc).load(tenant, entity).orElseThrow();
  }

  private static List<SalesforceRecordChanged> polled(long company, SalesforceEntity entity) {
    return ChangeLog.ofCompany(company).stream()
        .map(ChangeLog.Entry::change)
        .filter(change -> change.entity() == entity && change.source() == ChangeSource.POLL)
        .toList();
  }

  private static List<SalesforceId> createAccounts(
      SalesforceRestClient rest, int count, String name) {
    var rows = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < count; i++) {
      rows.add(Map.of("Name", name + " " + i, "BillingCity", "Kinsale"));
    }
    var ids = new ArrayList<SalesforceId>();
    rest.createAll("Account", rows, false)
        .forEach(
            row -> {
              assertThat(row.success()).as("created: %s", row.errors()).isTrue();
              ids.add(row.id());
            });
    return ids;
  }

  /**
   * A record whose SystemModstamp lies before the cursor although it became visible only now, as
   * when a long transaction commits late: written through the emulator's snapshot restore, which
   * keeps the given audit fields.
   */
  private static SalesforceId commitLate(
      OrgAccess access, SalesforceId template, Instant modstamp) {
    var org = access.org();
    Map<String, Object> row = new HashMap<>(org.row(template.value()).orElseThrow());
    String id = com.caskr.sync.emulator.org.Orgs.newId("001");
    row.put("Id", id);
    row.put("Name", "Committed late");
    row.put("CreatedDate", modstamp);
    row.put("LastModifiedDate", modstamp);
    row.put("SystemModstamp", modstamp);
    var rows = new ArrayList<Map<String, Object>>(org.rows("User", false).toList());
    rows.add(row);
    org.restore(rows, Map.of());
    return SalesforceId.of(id);
  }

  private static SalesforceId opportunityWithLines(
      SalesforceRestClient rest, OrgAccess org, int lines) {
    SalesforceId product =
        rest.create("Product2", Map.of("Name", "Single Malt 12", "IsActive", true));
    SalesforceId entry =
        rest.create(
            "PricebookEntry",
            Map.of(
                "Pricebook2Id",
                org.org().standardPricebookId(),
                "Product2Id",
                product.value(),
                "UnitPrice",
                new BigDecimal("80.00"),
                "IsActive",
                true));
    SalesforceId opportunity =
        rest.create(
            "Opportunity",
            Map.of(
                "Name",
                "Cask order",
                "StageName",
                "Prospecting",
                "CloseDate",
                LocalDate.of(2026, 12, 31).toString(),
                "Pricebook2Id",
                org.org().standardPricebookId()));
    for (int i = 0; i < lines; i++) {
      rest.create(
          "OpportunityLineItem",
          Map.of(
              "OpportunityId",
              opportunity.value(),
              "PricebookEntryId",
              entry.value(),
              "Quantity",
              2 + i,
              "UnitPrice",
              new BigDecimal("75.00")));
    }
    return opportunity;
  }

  private static void clearFaults(OrgAccess org) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              EMULATOR.baseUrl() + "/emulator/orgs/" + org.org().id() + "/faults"))
                      .header("Authorization", "Bearer " + Emulator.ADMIN_TOKEN)
                      .DELETE()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isLessThan(300);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
