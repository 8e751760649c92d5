package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.CustomerSynced;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Salesforce changes on the real broker, applied to the real PostgreSQL by the running service: the
 * seed mappings case by case, order and idempotence, echoes, deletes, holds, conflicts, tenant
 * isolation, dead letters and their re-drive. Each test uses its own company and org.
 */
@UsesTestInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "mapping.intake.retries=2",
      "mapping.intake.initial-backoff=20ms",
      "mapping.intake.max-backoff=100ms",
      "mapping.outbox.poll-interval=200ms"
    })
class SalesforceChangeIntakeIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired private JdbcClient jdbc;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private MeterRegistry registry;

  @BeforeAll
  static void recordSyncOrigin(@Autowired JdbcClient jdbc) {
    jdbc.sql(
            "CREATE TABLE IF NOT EXISTS public.origin_seen (customer_id bigint, origin text);"
                + " CREATE OR REPLACE FUNCTION public.remember_origin() RETURNS trigger"
                + " LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.origin_seen VALUES (new.id,"
                + " current_setting('caskr.sync_origin', true)); RETURN new; END; $$;"
                + " CREATE OR REPLACE TRIGGER remember_origin AFTER INSERT OR UPDATE ON"
                + " caskr.customers FOR EACH ROW EXECUTE FUNCTION public.remember_origin();")
        .update();
  }

  @Test
  void createsACustomerFromAnAccountWithTheSeedMappings() {
    Tenant tenant = company();
    long owner = user(tenant, "Rep@Caskr.example");
    SalesforceId ownerId = Changes.newId("005");
    SalesforceId account = Changes.newId("001");
    SalesforceRecordChanged event =
        Changes.account(tenant, account)
            .with("Name", "  Copper Still Tavern ")
            .with("BillingStreet", "12 Mash Tun Lane")
            .with("BillingCity", "Louisville")
            .with("BillingState", "KY")
            .with("BillingPostalCode", "40202")
            .with("Phone", "+1 502 555 0142")
            .with("Website", "https://copperstill.example")
            .with("Industry", "Restaurants")
            .with("OwnerId", ownerId.value())
            .with("Owner", Map.of("Id", ownerId.value(), "Email", "rep@caskr.example"))
            .build();

    send(event);

    Map<String, Object> customer = awaitCustomer(tenant, account);
    assertThat(customer)
        .containsEntry("name", "Copper Still Tavern")
        .containsEntry("customer_type", "On-Premise")
        .containsEntry("billing_country", "USA")
        .containsEntry("billing_city", "Louisville")
        .containsEntry("phone", "+1 502 555 0142")
        .containsEntry("website", "https://copperstill.example")
        .containsEntry("assigned_user_id", owner)
        .containsEntry("is_active", true);
    long customerId = (Long) customer.get("id");
    assertThat(log(tenant, account)).containsExactly("CREATE SUCCESS null");
    assertThat(
            jdbc.sql(
                    "SELECT last_synced_fields ->> 'customer_type' || ' ' || caskr_id || ' '"
                        + " || (last_source_version = ?) FROM mapping.crm_entity_mappings"
                        + " WHERE company_id = ? AND salesforce_id = ?")
                .params(
                    java.sql.Timestamp.from(event.sourceVersion()),
                    tenant.companyId(),
                    account.value())
                .query(String.class)
                .single())
        .isEqualTo("On-Premise " + customerId + " true");
    assertThat(
            jdbc.sql("SELECT DISTINCT origin FROM public.origin_seen WHERE customer_id = ?")
                .param(customerId)
                .query(String.class)
                .list())
        .as("writeback's triggers see the sync's origin tag")
        .containsExactly("salesforce-sync");
    CustomerSynced synced =
        (CustomerSynced) awaitSynced(tenant, TopicCatalogue.CASKR_CUSTOMER_SYNCED.name());
    assertThat(synced.customer().id()).isEqualTo(customerId);
    assertThat(synced.sourceEventId()).isEqualTo(event.eventId());
    assertThat(
            registry
                .get("crm_sync_events")
                .tags("entity", "Account", "source", "PUBSUB_CDC", "outcome", "created")
                .counter()
                .count())
        .isPositive();
    assertThat(registry.get("crm_sync_latency").tags("entity", "Account").timer().count())
        .isPositive();
  }

  @Test
  void mapsIndustriesAndLeavesAnUnknownOwnerUnassigned() {
    Tenant tenant = company();
    Map<String, String> expected =
        Map.of(
            "Hospitality", "On-Premise",
            "Retail", "Off-Premise",
            "wholesale", "Distributor",
            "Agriculture", "Direct");
    Map<String, SalesforceId> accounts = new java.util.HashMap<>();
    expected.forEach(
        (industry, type) -> {
          SalesforceId id = Changes.newId("001");
          accounts.put(industry, id);
          send(
              Changes.account(tenant, id)
                  .with("Name", industry + " Co")
                  .with("Industry", industry)
                  .with("OwnerId", Changes.newId("005").value())
                  .build());
        });
    SalesforceId noIndustry = Changes.newId("001");
    send(Changes.account(tenant, noIndustry).with("Name", "Plain Co").build());

    expected.forEach(
        (industry, type) ->
            assertThat(awaitCustomer(tenant, accounts.get(industry)))
                .as(industry)
                .containsEntry("customer_type", type)
                .containsEntry("assigned_user_id", null));
    assertThat(awaitCustomer(tenant, noIndustry)).containsEntry("customer_type", "Direct");
    assertThat(log(tenant, accounts.get("Retail")))
        .containsExactly("CREATE SUCCESS LOOKUP_NOT_FOUND");
  }

  @Test
  void appliesEachEventOnceAndIgnoresStaleOnes() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UUID first = UUID.randomUUID();
    send(Changes.account(tenant, account).eventId(first).version(t0).with("Name", "One").build());
    send(Changes.account(tenant, account).eventId(first).version(t0).with("Name", "One").build());
    send(Changes.account(tenant, account).version(t0.plusSeconds(10)).with("Phone", "2").build());
    send(
        Changes.account(tenant, account)
            .version(t0.plusSeconds(5))
            .source(ChangeSource.POLL)
            .with("Phone", "stale")
            .build());
    SalesforceId marker = Changes.newId("001");
    send(Changes.account(tenant, marker).with("Name", "Marker").build());

    awaitCustomer(tenant, marker);
    await().atMost(WAIT).until(() -> log(tenant, account).size() == 3);
    assertThat(awaitCustomer(tenant, account))
        .containsEntry("name", "One")
        .containsEntry("phone", "2");
    assertThat(log(tenant, account))
        .containsExactly("CREATE SUCCESS null", "UPDATE SUCCESS null", "SKIP SKIPPED STALE");
  }

  @Test
  void anEchoOfOurOwnWritebackIsNotACaskrEdit() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now();
    send(Changes.account(tenant, account).version(t0).with("Name", "Echo Bar").build());
    awaitCustomer(tenant, account);
    send(
        Changes.account(tenant, account)
            .version(t0.plusSeconds(1))
            .with("Name", "Written By Caskr")
            .echo()
            .build());

    await().atMost(WAIT).until(() -> log(tenant, account).size() == 2);
    assertThat(awaitCustomer(tenant, account)).containsEntry("name", "Echo Bar");
    assertThat(log(tenant, account)).containsExactly("CREATE SUCCESS null", "SKIP SKIPPED ECHO");
  }

  @Test
  void deleteDeactivatesAndUndeleteRestores() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now();
    send(Changes.account(tenant, account).version(t0).with("Name", "Phoenix Bar").build());
    send(
        Changes.account(tenant, account)
            .version(t0.plusSeconds(1))
            .type(ChangeType.DELETE)
            .build());
    await()
        .atMost(WAIT)
        .until(() -> Boolean.FALSE.equals(awaitCustomer(tenant, account).get("is_active")));
    send(
        Changes.account(tenant, account)
            .version(t0.plusSeconds(2))
            .type(ChangeType.UNDELETE)
            .with("Name", "Phoenix Bar")
            .build());

    await()
        .atMost(WAIT)
        .until(() -> Boolean.TRUE.equals(awaitCustomer(tenant, account).get("is_active")));
    assertThat(log(tenant, account))
        .containsExactly("CREATE SUCCESS null", "DELETE SUCCESS null", "UNDELETE SUCCESS null");
  }

  @Test
  void matchesAnExistingCustomerByWebsiteDomainOrName() {
    Tenant tenant = company();
    long byDomain =
        jdbc.sql(
                "INSERT INTO caskr.customers (company_id, name, website)"
                    + " VALUES (?, 'Old Name Inc', 'http://www.Riverside.example/shop') RETURNING id")
            .param(tenant.companyId())
            .query(Long.class)
            .single();
    long byName =
        jdbc.sql(
                "INSERT INTO caskr.customers (company_id, name) VALUES (?, 'The  Barrel Room')"
                    + " RETURNING id")
            .param(tenant.companyId())
            .query(Long.class)
            .single();
    SalesforceId riverside = Changes.newId("001");
    SalesforceId barrelRoom = Changes.newId("001");

    send(
        Changes.account(tenant, riverside)
            .with("Name", "Old Name Inc")
            .with("Website", "riverside.example")
            .build());
    send(Changes.account(tenant, barrelRoom).with("Name", "the barrel room").build());

    assertThat(awaitCustomer(tenant, riverside).get("id")).isEqualTo(byDomain);
    assertThat(awaitCustomer(tenant, barrelRoom).get("id")).isEqualTo(byName);
  }

  @Test
  void turnsAClosedWonOpportunityIntoAConfirmedOrderWithLines() {
    Tenant tenant = company();
    product(tenant, "CASK-BOURBON-53GAL");
    product(tenant, "BTL-RYE-750ML-CS");
    SalesforceId account = Changes.newId("001");
    SalesforceId deal = Changes.newId("006");
    send(
        Changes.opportunity(tenant, deal)
            .with("Name", "Spring Barrel Program")
            .with("Description", "Two picks")
            .with("AccountId", account.value())
            .with("StageName", "Closed Won")
            .with("CloseDate", "2026-03-18")
            .with("Amount", new java.math.BigDecimal("18450.00"))
            .line("CASK-BOURBON-53GAL", 2, "7950.00")
            .line("BTL-RYE-750ML-CS", 10, "255.00")
            .build());

    Map<String, Object> order = awaitRow("caskr.orders", "salesforce_opportunity_id", tenant, deal);
    assertThat(order)
        .containsEntry("status", "Confirmed")
        .containsEntry("order_date", "2026-03-18")
        .containsEntry("notes", "Spring Barrel Program\nTwo picks");
    assertThat(new java.math.BigDecimal(order.get("total_amount").toString()))
        .isEqualByComparingTo("18450");
    assertThat(
            jdbc.sql(
                    "SELECT p.sku || ' x' || l.quantity::int FROM caskr.order_lines l JOIN"
                        + " caskr.products p ON p.id = l.product_id WHERE l.order_id = ?"
                        + " ORDER BY l.line_number")
                .param(order.get("id"))
                .query(String.class)
                .list())
        .containsExactly("CASK-BOURBON-53GAL x2", "BTL-RYE-750ML-CS x10");
    Map<String, Object> stub = awaitCustomer(tenant, account);
    assertThat(order.get("customer_id")).isEqualTo(stub.get("id"));
    assertThat(stub.get("name")).isEqualTo("Salesforce Account " + account.value());

    send(
        Changes.account(tenant, account)
            .with("Name", "Copper Still Tavern")
            .with("Phone", "555")
            .build());
    await()
        .atMost(WAIT)
        .until(() -> "Copper Still Tavern".equals(awaitCustomer(tenant, account).get("name")));
    assertThat(awaitCustomer(tenant, account)).containsEntry("phone", "555");
    assertThat(pendingConflicts(tenant)).isEmpty();
  }

  @Test
  void holdsAnOpportunityWithAnUnknownSkuAndIgnoresOpenStages() {
    Tenant tenant = company();
    product(tenant, "KNOWN");
    SalesforceId held = Changes.newId("006");
    SalesforceId open = Changes.newId("006");
    SalesforceId account = Changes.newId("001");
    send(
        Changes.opportunity(tenant, held)
            .with("AccountId", account.value())
            .with("StageName", "Closed Won")
            .line("KNOWN", 1, "10.00")
            .line("NOT-IN-CATALOGUE", 1, "10.00")
            .build());
    send(
        Changes.opportunity(tenant, open)
            .with("AccountId", account.value())
            .with("StageName", "Prospecting")
            .build());

    await()
        .atMost(WAIT)
        .until(() -> log(tenant, open).size() == 1 && log(tenant, held).size() == 1);
    assertThat(log(tenant, held)).containsExactly("CREATE HELD UNKNOWN_SKU");
    assertThat(log(tenant, open)).containsExactly("SKIP SKIPPED STAGE_NOT_CLOSED_WON");
    assertThat(
            jdbc.sql(
                    "SELECT reason || ' ' || (details -> 'unknownSkus')::text || ' '"
                        + " || (payload ->> 'eventId' IS NOT NULL) FROM mapping.crm_review_holds"
                        + " WHERE company_id = ? AND salesforce_id = ?")
                .params(tenant.companyId(), held.value())
                .query(String.class)
                .single())
        .isEqualTo("UNKNOWN_SKU [\"NOT-IN-CATALOGUE\"] true");
    assertThat(
            jdbc.sql("SELECT count(*) FROM caskr.orders WHERE company_id = ?")
                .param(tenant.companyId())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void anOpportunityLeavingClosedWonBecomesAConflictNeverADelete() {
    Tenant tenant = company();
    product(tenant, "SKU-1");
    SalesforceId deal = Changes.newId("006");
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now();
    send(
        Changes.opportunity(tenant, deal)
            .version(t0)
            .with("AccountId", account.value())
            .with("StageName", "Closed Won")
            .line("SKU-1", 1, "5.00")
            .build());
    awaitRow("caskr.orders", "salesforce_opportunity_id", tenant, deal);
    send(
        Changes.opportunity(tenant, deal)
            .version(t0.plusSeconds(1))
            .with("StageName", "Closed Lost")
            .build());

    await().atMost(WAIT).until(() -> !pendingConflicts(tenant).isEmpty());
    assertThat(pendingConflicts(tenant))
        .containsExactly("Opportunity status StageName \"Closed Lost\"");
    assertThat(awaitRow("caskr.orders", "salesforce_opportunity_id", tenant, deal))
        .containsEntry("status", "Confirmed")
        .containsEntry("is_active", true);
  }

  @Test
  void turnsAContactIntoAPortalUserAndHoldsADuplicateEmail() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    send(Changes.account(tenant, account).with("Name", "Investor Holdings").build());
    long customerId = (Long) awaitCustomer(tenant, account).get("id");
    SalesforceId investor = Changes.newId("003");
    SalesforceId copycat = Changes.newId("003");

    send(
        Changes.contact(tenant, investor)
            .with("FirstName", "Marguerite")
            .with("LastName", "Okafor")
            .with("Email", "m.okafor@example.com")
            .with("AccountId", account.value())
            .with("Cask_Investor__c", true)
            .with("Portal_Access__c", true)
            .build());
    Map<String, Object> user =
        awaitRow("caskr.portal_users", "salesforce_contact_id", tenant, investor);
    assertThat(user)
        .containsEntry("email", "m.okafor@example.com")
        .containsEntry("customer_id", customerId)
        .containsEntry("is_cask_investor", true)
        .containsEntry("portal_enabled", true);

    send(Changes.contact(tenant, copycat).with("Email", "M.Okafor@example.com").build());
    await().atMost(WAIT).until(() -> log(tenant, copycat).size() == 1);
    assertThat(log(tenant, copycat)).containsExactly("CREATE HELD DUPLICATE_EMAIL");
    assertThat(
            jdbc.sql(
                    "SELECT caskr_id FROM mapping.crm_review_holds WHERE company_id = ?"
                        + " AND salesforce_id = ? AND reason = 'DUPLICATE_EMAIL'")
                .params(tenant.companyId(), copycat.value())
                .query(Long.class)
                .single())
        .isEqualTo(user.get("id"));
  }

  @Test
  void anEventForAnotherCompanysOrgTouchesNothingAndIsDeadLettered() {
    Tenant a = company();
    Tenant b = company();
    SalesforceId account = Changes.newId("001");
    send(Changes.account(b, account).with("Name", "B's customer").build());
    awaitCustomer(b, account);

    SalesforceRecordChanged intruder =
        Changes.account(new Tenant(b.companyId(), a.orgId()), account)
            .with("Name", "Overwritten by org A")
            .build();
    send(intruder);

    assertThat(awaitDeadLetter(intruder)).isNotNull();
    assertThat(awaitCustomer(b, account)).containsEntry("name", "B's customer");
  }

  @Test
  void aDeadLetterIsReDrivenAfterTheFix() {
    Tenant tenant = new Tenant(nextCompanyIdWithoutRow(), Changes.newId("00D"));
    new Connections(jdbc).connect(tenant);
    SalesforceId account = Changes.newId("001");
    SalesforceRecordChanged early =
        Changes.account(tenant, account).with("Name", "Before The Company Existed").build();
    send(early);
    awaitDeadLetter(early);

    jdbc.sql("INSERT INTO caskr.company (id, name) OVERRIDING SYSTEM VALUE VALUES (?, 'Late Co')")
        .param(tenant.companyId())
        .update();
    send(
        new SyncCommandIssued(
            UUID.randomUUID(),
            SyncCommandIssued.SCHEMA_VERSION,
            tenant,
            new SyncCommand.RedriveDeadLetters("salesforce.account.changed.v1.dlq", null),
            "ops@caskr.example",
            Instant.now(),
            "trace-redrive"));

    assertThat(awaitCustomer(tenant, account)).containsEntry("name", "Before The Company Existed");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private Tenant company() {
    long id =
        jdbc.sql("INSERT INTO caskr.company (name) VALUES ('Distillery') RETURNING id")
            .query(Long.class)
            .single();
    Tenant tenant = new Tenant(id, Changes.newId("00D"));
    new Connections(jdbc).connect(tenant);
    return tenant;
  }

  private long nextCompanyIdWithoutRow() {
    return jdbc.sql("SELECT coalesce(max(id), 0) + 100000 FROM caskr.company")
        .query(Long.class)
        .single();
  }

  private long user(Tenant tenant, String email) {
    return jdbc.sql(
            "INSERT INTO caskr.users (company_id, email, name) VALUES (?, ?, 'Rep') RETURNING id")
        .params(tenant.companyId(), email)
        .query(Long.class)
        .single();
  }

  private void product(Tenant tenant, String sku) {
    jdbc.sql("INSERT INTO caskr.products (company_id, sku, name) VALUES (?, ?, ?)")
        .params(tenant.companyId(), sku, sku)
        .update();
  }

  private void send(SyncEvent event) {
    try {
      kafka
          .send(TopicCatalogue.topicFor(event).name(), event.kafkaKey(), event)
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Kafka did not take the event", e);
    }
  }

  private Map<String, Object> awaitCustomer(Tenant tenant, SalesforceId account) {
    return awaitRow("caskr.customers", "salesforce_account_id", tenant, account);
  }

  private Map<String, Object> awaitRow(
      String table, String idColumn, Tenant tenant, SalesforceId id) {
    String sql =
        "SELECT to_jsonb(t)::text FROM "
            + table
            + " t WHERE company_id = ? AND "
            + idColumn
            + " = ?";
    String json =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    jdbc.sql(sql)
                        .params(tenant.companyId(), id.value())
                        .query(String.class)
                        .optional()
                        .orElse(null),
                java.util.Objects::nonNull);
    return com.caskr.sync.schema.json.EventJson.mapper()
        .readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
  }

  private List<String> log(Tenant tenant, SalesforceId id) {
    return jdbc.sql(
            "SELECT operation || ' ' || status || ' ' || coalesce(error_code, 'null')"
                + " FROM mapping.crm_sync_logs WHERE company_id = ? AND salesforce_id = ?"
                + " ORDER BY id")
        .params(tenant.companyId(), id.value())
        .query(String.class)
        .list();
  }

  private List<String> pendingConflicts(Tenant tenant) {
    return jdbc.sql(
            "SELECT entity || ' ' || field || ' ' || salesforce_field || ' '"
                + " || salesforce_value::text FROM mapping.crm_sync_conflicts"
                + " WHERE company_id = ? AND status = 'PENDING' ORDER BY id")
        .param(tenant.companyId())
        .query(String.class)
        .list();
  }

  private SyncEvent awaitSynced(Tenant tenant, String topic) {
    try (KafkaConsumer<String, SyncEvent> consumer =
        consumer(new com.caskr.sync.schema.kafka.EventDeserializer())) {
      readFromTheStart(consumer, topic);
      SyncEvent[] found = new SyncEvent[1];
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, SyncEvent> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.value().tenant().companyId() == tenant.companyId()) {
                    found[0] = record.value();
                  }
                }
                return found[0] != null;
              });
      return found[0];
    }
  }

  private ConsumerRecord<String, byte[]> awaitDeadLetter(SalesforceRecordChanged event) {
    String dlq = TopicCatalogue.topicFor(event).deadLetter().name();
    try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      readFromTheStart(consumer, dlq);
      @SuppressWarnings("unchecked")
      ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)
                      .contains(event.eventId().toString())) {
                    found[0] = record;
                  }
                }
                return found[0] != null;
              });
      assertThat(found[0].key()).isEqualTo(event.kafkaKey());
      assertThat(found[0].headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
      return found[0];
    }
  }

  private static void readFromTheStart(KafkaConsumer<String, ?> consumer, String topic) {
    List<org.apache.kafka.common.TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  private <V> KafkaConsumer<String, V> consumer(
      org.apache.kafka.common.serialization.Deserializer<V> values) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            com.caskr.sync.testing.TestInfrastructure.kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "intake-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        values);
  }
}
