package com.caskr.sync.mapping.conflictqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.conflicts.ConflictDetector;
import com.caskr.sync.mapping.conflicts.RecordSides;
import com.caskr.sync.mapping.conflicts.ThreeWayResult;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue;
import com.caskr.sync.mapping.fieldmap.FieldDirection;
import com.caskr.sync.mapping.fieldmap.FieldMapper;
import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.mapping.settings.CompanySettings;
import com.caskr.sync.mapping.settings.SettingsStore;
import com.caskr.sync.mapping.settings.SyncPreference;
import com.caskr.sync.mapping.testing.CaskrFixtures;
import com.caskr.sync.mapping.testing.PublishedEvents;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConflictDetected;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * The conflict queue on real PostgreSQL and Kafka: conflicts found by the detector are stored and
 * published through the outbox; reviewers resolve them into the Caskr row with the sync origin tag;
 * company settings come from the tables through the cache.
 */
@SpringBootTest(properties = "mapping.settings.max-age=1s")
@UsesTestInfrastructure
class ConflictQueueIntegrationTest {

  private static final SalesforceId ACCOUNT = SalesforceId.of("0015e00000Kx7QzAAJ");
  private static final SalesforceId OPPORTUNITY = SalesforceId.of("0065e00000GhT8xAAF");

  @Autowired private JdbcClient jdbc;
  @Autowired private TransactionTemplate transactions;
  @Autowired private CompanySettings settings;
  @Autowired private SettingsStore store;
  @Autowired private FieldMapper mapper;
  @Autowired private ConflictDetector detector;
  @Autowired private ConflictQueue queue;
  @Autowired private ConflictResolutions resolutions;
  @Autowired private MeterRegistry meters;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;

  private CaskrFixtures caskr;
  private PublishedEvents published;

  @BeforeEach
  void setUp() {
    caskr = new CaskrFixtures(jdbc);
    published = new PublishedEvents(consumers);
    // Stands in for writeback-service's capture trigger: what origin did the writer declare?
    jdbc.sql("create table if not exists public.origin_seen (origin text)").update();
    jdbc.sql(
            """
            create or replace function public.remember_origin() returns trigger
                language plpgsql as $$
            begin
                insert into public.origin_seen values (current_setting('caskr.sync_origin', true));
                return new;
            end $$
            """)
        .update();
    jdbc.sql(
            """
            create or replace trigger remember_origin after update on caskr.customers
                for each row execute function public.remember_origin()
            """)
        .update();
  }

  @Test
  void aCriticalConflictWaitsForAReviewerAndKeepsOneRowWhileItWaits() {
    long company = caskr.company("Copper Still");
    long customer = caskr.customer(company, "Copper Still Taproom", "+1 502 555 0142");
    caskr.pair(
        company, "Account", ACCOUNT, "customer", customer, Map.of("name", "Copper Still Tavern"));

    record(company, customer, Map.of("Name", "Copper Still Tavern & Kitchen"), Instant.now());
    record(company, customer, Map.of("Name", " Copper Still Tavern & Bar "), Instant.now());

    var pending =
        queue.list(
            new ConflictFilter(company, StoredConflict.Status.PENDING, null, null, null), 0, 10);
    assertThat(pending.total()).isEqualTo(1);
    StoredConflict conflict = pending.items().getFirst();
    assertThat(conflict.field()).isEqualTo("name");
    assertThat(conflict.salesforceField()).isEqualTo("Name");
    assertThat(conflict.salesforceValue()).isEqualTo("Copper Still Tavern & Bar");
    assertThat(conflict.caskrValue()).isEqualTo("Copper Still Taproom");
    assertThat(conflict.baseValue()).isEqualTo("Copper Still Tavern");
    assertThat(conflict.critical()).isTrue();
    assertThat(conflict.strategy()).isEqualTo(ConflictStrategy.LAST_WRITE_WINS);
    assertThat(meters.get("crm_pending_conflicts").gauge().value()).isGreaterThanOrEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> jdbc.sql("select count(*) from mapping.outbox_events").query(Long.class).single(),
            unpublished -> unpublished == 0);
    var detected =
        published.await(
            TopicCatalogue.SYNC_CONFLICT_DETECTED,
            ConflictDetected.class,
            event -> event.conflictId().equals(conflict.conflictId()),
            2);
    assertThat(detected)
        .extracting(ConflictDetected::salesforceValue)
        .containsExactly("Copper Still Tavern & Kitchen", "Copper Still Tavern & Bar");
    assertThat(detected.getFirst().kafkaKey()).isEqualTo(company + "/" + conflict.conflictId());
    assertThat(caskr.column("customers", "name", customer)).isEqualTo("Copper Still Taproom");
  }

  @Test
  void aReviewerKeepsSalesforceIntoTheRowTaggedAsSyncAndEverythingRecordsIt() {
    long company = caskr.company("Resolve Co");
    long customer = caskr.customer(company, "Copper Still Taproom", "+1 502 555 0142");
    caskr.pair(
        company, "Account", ACCOUNT, "customer", customer, Map.of("name", "Copper Still Tavern"));
    record(company, customer, Map.of("Name", "Copper Still Tavern & Kitchen"), Instant.now());
    StoredConflict conflict = onlyPending(company);
    jdbc.sql("truncate public.origin_seen").update();

    StoredConflict resolved =
        resolutions.resolve(
            company, conflict.id(), Resolution.KEEP_SALESFORCE, null, "dana@copperstill.example");

    assertThat(resolved.status()).isEqualTo(StoredConflict.Status.RESOLVED);
    assertThat(resolved.resolvedValue()).isEqualTo("Copper Still Tavern & Kitchen");
    assertThat(resolved.resolvedBy()).isEqualTo("dana@copperstill.example");
    assertThat(caskr.column("customers", "name", customer))
        .isEqualTo("Copper Still Tavern & Kitchen");
    assertThat(jdbc.sql("select origin from public.origin_seen").query(String.class).list())
        .containsExactly("salesforce-sync");
    assertThat(
            jdbc.sql(
                    "select last_synced_fields ->> 'name' from mapping.crm_entity_mappings"
                        + " where company_id = :c")
                .param("c", company)
                .query(String.class)
                .single())
        .isEqualTo("Copper Still Tavern & Kitchen");
    assertThat(
            jdbc.sql(
                    // Other test classes' change events on the shared broker may name this
                    // database's company id too; their tenant refusals (SKIP) are not this test's.
                    "select operation || ' ' || status || ' ' || caskr_id from mapping.crm_sync_logs"
                        + " where company_id = :c and operation <> 'SKIP'")
                .param("c", company)
                .query(String.class)
                .list())
        .containsExactly("RESOLVE_CONFLICT SUCCESS " + customer);
    ConflictResolved event =
        published
            .await(
                TopicCatalogue.SYNC_CONFLICT_RESOLVED,
                ConflictResolved.class,
                candidate -> candidate.conflictId().equals(conflict.conflictId()),
                1)
            .getFirst();
    assertThat(event.resolution()).isEqualTo(Resolution.KEEP_SALESFORCE);
    assertThat(event.resolvedValue()).isEqualTo("Copper Still Tavern & Kitchen");
    assertThat(event.tenant()).isEqualTo(new Tenant(company, CaskrFixtures.ORG));

    assertThatThrownBy(
            () -> resolutions.resolve(company, conflict.id(), Resolution.KEEP_CASKR, null, "x"))
        .isInstanceOf(ResolutionRefused.class)
        .extracting(e -> ((ResolutionRefused) e).reason())
        .isEqualTo(ResolutionRefused.Reason.NOT_PENDING);
  }

  @Test
  void anotherCompanyCannotSeeOrResolveTheConflict() {
    long company = caskr.company("Owner Co");
    long other = caskr.company("Other Co");
    long customer = caskr.customer(company, "Taproom", null);
    caskr.pair(company, "Account", ACCOUNT, "customer", customer, Map.of("name", "Tavern"));
    record(company, customer, Map.of("Name", "Kitchen"), Instant.now());
    StoredConflict conflict = onlyPending(company);

    assertThat(queue.find(other, conflict.id())).isEmpty();
    assertThatThrownBy(
            () -> resolutions.resolve(other, conflict.id(), Resolution.KEEP_SALESFORCE, null, "x"))
        .extracting(e -> ((ResolutionRefused) e).reason())
        .isEqualTo(ResolutionRefused.Reason.NOT_FOUND);
    assertThat(caskr.column("customers", "name", customer)).isEqualTo("Taproom");
  }

  @Test
  void aMergedValueMustFitTheColumnAndABadOneChangesNothing() {
    long company = caskr.company("Merge Co");
    long customer = caskr.customer(company, "Copper Still", null);
    long order = caskr.order(company, customer, "SO-1", new BigDecimal("18450.00"));
    caskr.pair(company, "Opportunity", OPPORTUNITY, "order", order, Map.of());
    FieldRules rules = settings.fieldRules(company, SalesforceEntity.OPPORTUNITY);
    var sides =
        new RecordSides(
            Map.of("total_amount", new BigDecimal("18950.00")),
            Map.of("total_amount", new BigDecimal("18450.00")),
            Map.of(),
            Instant.now(),
            Instant.now());
    recordResult(
        company,
        "Opportunity",
        OPPORTUNITY,
        order,
        detector.decide(rules, ConflictStrategy.LAST_WRITE_WINS, sides));
    StoredConflict conflict = onlyPending(company);
    assertThat(conflict.baseKnown()).as("order-total-unknown-base").isFalse();

    for (Object bad : new Object[] {new BigDecimal("-5"), "a lot", new BigDecimal("1.005"), null}) {
      assertThatThrownBy(
              () -> resolutions.resolve(company, conflict.id(), Resolution.MERGED, bad, "ops"))
          .as("merged value %s", bad)
          .extracting(e -> ((ResolutionRefused) e).reason())
          .isEqualTo(ResolutionRefused.Reason.INVALID_VALUE);
    }
    assertThat(onlyPending(company).id()).isEqualTo(conflict.id());

    resolutions.resolve(
        company, conflict.id(), Resolution.MERGED, new BigDecimal("18700.50"), "ops");
    assertThat(caskr.column("orders", "total_amount", order)).isEqualTo(new BigDecimal("18700.50"));
  }

  @Test
  void lastWriteWinsSettlesAutomaticallyAndPublishesDetectedThenResolved() {
    long company = caskr.company("Auto Co");
    long customer = caskr.customer(company, "Auto", "+1 (971) 555-0188");
    caskr.pair(
        company, "Account", ACCOUNT, "customer", customer, Map.of("phone", "+1 (971) 555-0123"));

    // Salesforce's edit is an hour older than Caskr's: Caskr's value stays.
    record(
        company, customer, Map.of("Phone", "+1 (971) 555-0100"), Instant.now().minusSeconds(3600));

    assertThat(
            queue
                .list(
                    new ConflictFilter(company, StoredConflict.Status.PENDING, null, null, null),
                    0,
                    10)
                .total())
        .isZero();
    StoredConflict stored =
        queue
            .list(
                new ConflictFilter(company, StoredConflict.Status.RESOLVED, null, null, null),
                0,
                10)
            .items()
            .getFirst();
    assertThat(stored.resolution()).isEqualTo(Resolution.KEEP_CASKR);
    assertThat(stored.resolvedBy()).isEqualTo(ConflictQueue.SYSTEM);
    assertThat(caskr.column("customers", "phone", customer)).isEqualTo("+1 (971) 555-0188");
    published.await(
        TopicCatalogue.SYNC_CONFLICT_DETECTED,
        ConflictDetected.class,
        event -> event.conflictId().equals(stored.conflictId()),
        1);
    ConflictResolved resolved =
        published
            .await(
                TopicCatalogue.SYNC_CONFLICT_RESOLVED,
                ConflictResolved.class,
                event -> event.conflictId().equals(stored.conflictId()),
                1)
            .getFirst();
    assertThat(resolved.resolvedBy()).isEqualTo("system");
    assertThat(resolved.resolvedValue()).isEqualTo("+1 (971) 555-0188");
  }

  @Test
  void aPendingConflictNoLongerDisputedIsDismissed() {
    long company = caskr.company("Manual Co");
    store.savePreference(
        new SyncPreference(
            company,
            SalesforceEntity.ACCOUNT,
            ConflictStrategy.MANUAL,
            FieldDirection.BIDIRECTIONAL,
            true,
            900,
            "0 0 3 * * *",
            "UTC",
            false),
        "test");
    settings.invalidate(company);
    long customer = caskr.customer(company, "Manual", "3");
    caskr.pair(company, "Account", ACCOUNT, "customer", customer, Map.of("phone", "1"));
    record(company, customer, Map.of("Phone", "2"), Instant.now());
    assertThat(onlyPending(company).strategy()).isEqualTo(ConflictStrategy.MANUAL);

    record(company, customer, Map.of("Phone", "3"), Instant.now());

    assertThat(
            queue
                .list(
                    new ConflictFilter(company, StoredConflict.Status.DISMISSED, null, null, null),
                    0,
                    10)
                .total())
        .isEqualTo(1);
    assertThat(queue.pendingCount()).isNotNegative();
  }

  @Test
  void settingsComeFromTheTablesAndAChangeElsewhereArrivesWithinMaxAge() {
    long company = caskr.company("Settings Co");
    FieldRules rules = settings.fieldRules(company, SalesforceEntity.ACCOUNT);
    assertThat(rules.rules()).extracting(FieldRule::salesforceField).contains("Name", "Industry");
    assertThat(mapper.mapChange(rules, Map.of("Industry", "Retail")).values())
        .containsEntry("customer_type", "Off-Premise");

    // Another instance's admin switches Phone off for this company.
    jdbc.sql(
            """
            insert into mapping.crm_field_mappings
                (company_id, salesforce_object, salesforce_field, caskr_entity, caskr_field,
                 direction, is_active)
            values (:c, 'Account', 'Phone', 'customer', 'phone', 'BIDIRECTIONAL', false)
            """)
        .param("c", company)
        .update();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(settings.fieldRules(company, SalesforceEntity.ACCOUNT).rules())
                    .extracting(FieldRule::salesforceField)
                    .doesNotContain("Phone"));
    assertThat(settings.fieldRules(company + 1000, SalesforceEntity.ACCOUNT).rules())
        .as("other companies keep the default")
        .extracting(FieldRule::salesforceField)
        .contains("Phone");
  }

  private void record(
      long company, long customer, Map<String, Object> salesforceFields, Instant modifiedAt) {
    FieldRules rules = settings.fieldRules(company, SalesforceEntity.ACCOUNT);
    var row =
        jdbc.sql("select name, phone, updated_at from caskr.customers where id = :id")
            .param("id", customer)
            .query(
                (rs, n) ->
                    new Object[] {
                      rs.getString("name"),
                      rs.getString("phone"),
                      rs.getObject("updated_at", OffsetDateTime.class).toInstant()
                    })
            .single();
    Map<String, Object> current = new HashMap<>();
    current.put("name", row[0]);
    current.put("phone", row[1]);
    Map<String, Object> base =
        EventJson.mapper()
            .readValue(
                jdbc.sql(
                        "select last_synced_fields::text from mapping.crm_entity_mappings"
                            + " where company_id = :c and caskr_id = :id")
                    .param("c", company)
                    .param("id", customer)
                    .query(String.class)
                    .single(),
                new TypeReference<Map<String, Object>>() {});
    var sides =
        new RecordSides(
            mapper.mapChange(rules, salesforceFields).values(),
            current,
            base,
            modifiedAt,
            (Instant) row[2]);
    ConflictStrategy strategy =
        settings.preference(company, SalesforceEntity.ACCOUNT).conflictStrategy();
    recordResult(company, "Account", ACCOUNT, customer, detector.decide(rules, strategy, sides));
  }

  private void recordResult(
      long company, String object, SalesforceId salesforceId, long caskrId, ThreeWayResult result) {
    var pair =
        new RecordPair(
            new Tenant(company, CaskrFixtures.ORG),
            FieldCatalogue.salesforceObject(object).orElseThrow(),
            salesforceId,
            caskrId,
            UUID.randomUUID(),
            "trace-" + company);
    transactions.executeWithoutResult(status -> queue.record(pair, result));
  }

  private StoredConflict onlyPending(long company) {
    var page =
        queue.list(
            new ConflictFilter(company, StoredConflict.Status.PENDING, null, null, null), 0, 10);
    assertThat(page.total()).isEqualTo(1);
    return page.items().getFirst();
  }
}
