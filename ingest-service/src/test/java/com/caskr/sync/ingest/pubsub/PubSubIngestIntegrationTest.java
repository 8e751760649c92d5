package com.caskr.sync.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.CommandLog;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.EmulatorTokens;
import com.caskr.sync.ingest.testing.IngestInstance;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.salesforce.pubsub.CredentialsSource;
import com.caskr.sync.salesforce.pubsub.PubSubCredentials;
import com.caskr.sync.salesforce.pubsub.PubSubPublisher;
import com.caskr.sync.salesforce.rest.SalesforceConnection;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncMode;
import com.caskr.sync.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pub/Sub API → Kafka end to end: the emulator's CDC and platform events over real gRPC, envelopes
 * on the real broker, replay ids in real PostgreSQL, one ingest-service instance in this JVM.
 */
class PubSubIngestIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AtomicLong COMPANIES = new AtomicLong(8_100);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Emulator EMULATOR = Emulator.shared();
  private static final EmulatorTokens TOKENS = new EmulatorTokens();

  private static IngestInstance ingest;

  @BeforeAll
  static void startIngest() {
    ingest =
        IngestInstance.start(
            "pubsub-it", TestInfrastructure.freshDatabase("pubsub_it"), EMULATOR, TOKENS);
  }

  @AfterAll
  static void stopIngest() {
    ingest.close();
  }

  @Test
  void publishesEveryKindOfCdcChangeOfAnAccount() throws Exception {
    var org = connected("Every CDC kind");
    SalesforceRestClient crm = client(org, "distillery-app");
    SalesforceId id = crm.create("Account", Map.of("Name", "Copper Still Tavern"));
    crm.update("Account", id, Map.of("Industry", "Restaurants"));
    crm.delete("Account", id);
    org.org().undelete(id.value(), Caller.user(org.org().adminUserId()));

    List<SalesforceRecordChanged> changes = awaitChanges(org, id, 4);

    assertThat(changes)
        .extracting(SalesforceRecordChanged::changeType)
        .containsExactly(
            ChangeType.UPSERT, ChangeType.UPSERT, ChangeType.DELETE, ChangeType.UNDELETE);
    assertThat(changes)
        .allSatisfy(
            change -> {
              assertThat(change.source()).isEqualTo(ChangeSource.PUBSUB_CDC);
              assertThat(change.tenant()).isEqualTo(org.tenant(company(org)));
              assertThat(change.echo()).isFalse();
              assertThat(change.lineItems()).isNull();
            });
    assertThat(changes.get(0).fields()).containsEntry("Name", "Copper Still Tavern");
    assertThat(changes.get(1).changedFields()).contains("Industry");
    assertThat(changes.get(1).fields()).containsEntry("Industry", "Restaurants");
    assertThat(changes.get(1).fields()).doesNotContainKey("Name");
    assertThat(ChangeLog.ofCompany(company(org)))
        .filteredOn(entry -> entry.change().recordId().equals(id))
        .allSatisfy(
            entry -> {
              assertThat(entry.topic()).isEqualTo("salesforce.account.changed.v1");
              assertThat(entry.key()).isEqualTo(org.orgId().value() + "/" + id.value());
            });
  }

  @Test
  void cdcEnvelopesCarryTheOwnersEmailWhenTheyCarryOwnerId() throws Exception {
    var org = connected("Owner email");
    SalesforceRestClient crm = client(org, "distillery-app");
    SalesforceId id = crm.create("Account", Map.of("Name", "Owner Arms"));
    crm.update("Account", id, Map.of("Industry", "Hospitality"));

    List<SalesforceRecordChanged> changes = awaitChanges(org, id, 2);

    String ownerId = (String) changes.get(0).fields().get("OwnerId");
    Object email = org.org().row(ownerId).orElseThrow().get("Email");
    assertThat(email).isInstanceOf(String.class);
    assertThat(changes.get(0).fields())
        .containsEntry("Owner", Map.of("Id", SalesforceId.of(ownerId).value(), "Email", email));
    // An update that leaves the owner alone carries neither OwnerId nor Owner.
    assertThat(changes.get(1).fields()).doesNotContainKeys("OwnerId", "Owner");
  }

  @Test
  void flagsEchoesOfOurOwnWrites() throws Exception {
    var org = connected("Echo");
    SalesforceId id = client(org, "distillery-app").create("Contact", Map.of("LastName", "Byrne"));
    client(org, SalesforceConnection.DEFAULT_CLIENT)
        .update("Contact", id, Map.of("FirstName", "Ada"));

    List<SalesforceRecordChanged> changes = awaitChanges(org, id, 2);

    assertThat(changes.get(0).echo()).isFalse();
    assertThat(changes.get(1).echo()).isTrue();
    assertThat(changes.get(1).changeOrigin()).contains("client=caskr-sync");
    assertThat(changes.get(1).entity()).isEqualTo(SalesforceEntity.CONTACT);
  }

  @Test
  void aLineItemChangeBecomesAnOpportunityEventWithTheCurrentLines() throws Exception {
    var org = connected("Line items");
    SalesforceRestClient crm = client(org, "distillery-app");
    SalesforceId account = crm.create("Account", Map.of("Name", "Harbour Bar"));
    SalesforceId opportunity =
        crm.create(
            "Opportunity",
            Map.of(
                "Name",
                "Harbour Bar Q4",
                "StageName",
                "Prospecting",
                "CloseDate",
                LocalDate.now().plusDays(30).toString(),
                "AccountId",
                account.value()));
    SalesforceId product =
        crm.create("Product2", Map.of("Name", "Single Malt 12", "IsActive", true));
    SalesforceId entry =
        crm.create(
            "PricebookEntry",
            Map.of(
                "Pricebook2Id",
                org.org().standardPricebookId(),
                "Product2Id",
                product.value(),
                "UnitPrice",
                54.0,
                "IsActive",
                true));
    SalesforceId line =
        crm.create(
            "OpportunityLineItem",
            Map.of(
                "OpportunityId",
                opportunity.value(),
                "PricebookEntryId",
                entry.value(),
                "Quantity",
                6,
                "UnitPrice",
                54.0));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(changesOf(org, opportunity))
                    .anySatisfy(
                        change -> {
                          assertThat(change.lineItems()).hasSize(1);
                          assertThat(change.lineItems().getFirst())
                              .containsEntry("Id", line.value());
                          assertThat(change.fields()).containsEntry("Name", "Harbour Bar Q4");
                          assertThat(change.fields().get("Owner"))
                              .asInstanceOf(
                                  InstanceOfAssertFactories.map(String.class, Object.class))
                              .containsEntry("Id", change.fields().get("OwnerId"))
                              .containsKey("Email");
                        }));
    assertThat(changesOf(org, opportunity).getFirst().fields()).containsKey("StageName");
  }

  @Test
  void aPlatformEventPublishesTheRecordItNames() throws Exception {
    var org = connected("Platform event");
    SalesforceId id =
        client(org, "distillery-app").create("Account", Map.of("Name", "Quay Stores"));
    try (var publisher = PubSubPublisher.connect(EMULATOR.pubSub(), credentials(org))) {
      publisher.publish(
          "/event/Caskr_Sync__e",
          List.of(
              Map.of(
                  "CreatedById",
                  org.org().adminUserId(),
                  "Record_Id__c",
                  id.value(),
                  "Entity__c",
                  "Account",
                  "Action__c",
                  "SYNC")));
    }

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(changesOf(org, id))
                    .anySatisfy(
                        change -> {
                          assertThat(change.source()).isEqualTo(ChangeSource.PLATFORM_EVENT);
                          assertThat(change.fields()).containsEntry("Name", "Quay Stores");
                        }));
  }

  @Test
  void duplicatedEventsKeepTheirIdentity() throws Exception {
    var org = connected("Duplicates");
    EMULATOR.admin(org.org(), "pubsub/faults/duplicate", "{\"count\":1}");
    SalesforceId id = client(org, "distillery-app").create("Account", Map.of("Name", "Twice"));

    List<SalesforceRecordChanged> changes = awaitChanges(org, id, 2);

    assertThat(changes.get(0).eventId()).isEqualTo(changes.get(1).eventId());
    assertThat(changes.get(0).sourceVersion()).isEqualTo(changes.get(1).sourceVersion());
  }

  @Test
  void gapEventsAreReadBackAndOverflowAsksForAnIncrementalPoll() throws Exception {
    var org = connected("Gaps");
    SalesforceId id = client(org, "distillery-app").create("Account", Map.of("Name", "Gap Inn"));
    awaitChanges(org, id, 1);

    EMULATOR.admin(
        org.org(),
        "pubsub/faults/gap",
        "{\"changeType\":\"GAP_UPDATE\",\"recordIds\":[\"" + id.value() + "\"]}");
    Instant beforeOverflow = Instant.now();
    EMULATOR.admin(org.org(), "pubsub/faults/overflow", "{\"entity\":\"Account\"}");
    Instant afterOverflow = Instant.now();

    List<SalesforceRecordChanged> changes = awaitChanges(org, id, 2);
    assertThat(changes.get(1).changeType()).isEqualTo(ChangeType.UPSERT);
    assertThat(changes.get(1).fields())
        .containsEntry("Name", "Gap Inn")
        .containsKey("SystemModstamp");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(CommandLog.ofCompany(company(org)))
                    .extracting(issued -> issued.command())
                    .hasAtLeastOneElementOfType(SyncCommand.SyncNow.class));
    // The poll covers the overflowing transaction's window: from its commit minus the lookback
    // (1 h by default), not from the stored cursor.
    SyncCommand.SyncNow overflow =
        CommandLog.ofCompany(company(org)).stream()
            .map(issued -> issued.command())
            .filter(SyncCommand.SyncNow.class::isInstance)
            .map(SyncCommand.SyncNow.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(overflow.entity()).isEqualTo(SalesforceEntity.ACCOUNT);
    assertThat(overflow.mode()).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(overflow.since())
        .isBetween(
            beforeOverflow.minus(Duration.ofHours(1)).minusSeconds(5),
            afterOverflow.minus(Duration.ofHours(1)).plusSeconds(5));
  }

  @Test
  void anExpiredReplayIdRestartsFromEarliestAndAsksForAReconciliation() throws Exception {
    var org = connected("Expired replay id");
    long company = company(org);
    SalesforceId id = client(org, "distillery-app").create("Account", Map.of("Name", "Old Mill"));
    awaitChanges(org, id, 1);
    await().atMost(WAIT).until(() -> storedReplayIds(org) >= 1);

    ingest.announce(company, org, ConnectionState.DISCONNECTED);
    await().atMost(WAIT).until(() -> !streams().streaming().contains(org.tenant(company)));
    EMULATOR.admin(org.org(), "pubsub/faults/expire-replay-ids", "{}");
    double before = resets();
    ingest.announce(company, org, ConnectionState.CONNECTED);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(CommandLog.ofCompany(company))
                    .extracting(issued -> issued.command())
                    .contains(
                        new SyncCommand.Reconcile(
                            SalesforceEntity.ACCOUNT, ReconcileReason.REPLAY_ID_INVALID)));
    assertThat(resets()).isGreaterThan(before);
    // Subscribed again (from EARLIEST): later changes keep flowing.
    client(org, "distillery-app").update("Account", id, Map.of("Name", "New Mill"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(changesOf(org, id).getLast().fields())
                    .containsEntry("Name", "New Mill"));
  }

  @Test
  void reorderedEventsKeepTheirIdentityPerRecord() throws Exception {
    var org = connected("Reorder");
    EMULATOR.admin(org.org(), "pubsub/faults/reorder", "{\"count\":2}");
    SalesforceRestClient crm = client(org, "distillery-app");
    SalesforceId first = crm.create("Account", Map.of("Name", "First"));
    SalesforceId second = crm.create("Account", Map.of("Name", "Second"));

    assertThat(awaitChanges(org, first, 1)).hasSize(1);
    assertThat(awaitChanges(org, second, 1)).hasSize(1);
  }

  // ---- helpers ----

  private static final Map<String, Long> COMPANY_OF_ORG =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static OrgAccess connected(String name) throws Exception {
    OrgAccess org = EMULATOR.newOrg(name);
    long company = COMPANIES.incrementAndGet();
    COMPANY_OF_ORG.put(org.org().id(), company);
    TOKENS.connect(company, org);
    ingest.announce(company, org, ConnectionState.CONNECTED);
    Tenant tenant = org.tenant(company);
    await().atMost(WAIT).until(() -> streams().streaming().contains(tenant));
    return org;
  }

  private static long company(OrgAccess org) {
    return COMPANY_OF_ORG.get(org.org().id());
  }

  private static PubSubStreams streams() {
    return ingest.bean(PubSubStreams.class);
  }

  private static double resets() {
    var counter =
        ingest
            .bean(MeterRegistry.class)
            .find("crm.pubsub.replay.resets")
            .tag("topic", "/data/AccountChangeEvent")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static long storedReplayIds(OrgAccess org) {
    return ingest
        .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("select count(*) from ingest.pubsub_replay_ids where org_id = ?")
        .param(org.orgId().value())
        .query(Long.class)
        .single();
  }

  private static SalesforceRestClient client(OrgAccess org, String callOptionsClient) {
    return org.rest(HTTP, callOptionsClient);
  }

  private static CredentialsSource credentials(OrgAccess org) {
    var session = org.sessions().session();
    return CredentialsSource.fixed(
        new PubSubCredentials(
            session.accessToken(), session.instanceUrl().toString(), org.org().id()));
  }

  private static List<SalesforceRecordChanged> changesOf(OrgAccess org, SalesforceId id) {
    return ChangeLog.ofCompany(company(org)).stream()
        .map(ChangeLog.Entry::change)
        .filter(change -> change.recordId().equals(id))
        .toList();
  }

  private static List<SalesforceRecordChanged> awaitChanges(
      OrgAccess org, SalesforceId id, int count) {
    await().atMost(WAIT).until(() -> changesOf(org, id).size() >= count);
    return changesOf(org, id);
  }
}
