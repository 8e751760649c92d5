package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.apply.Applied;
import com.caskr.sync.mapping.apply.Applied.Outcome;
import com.caskr.sync.mapping.apply.ApplySalesforceChange;
import com.caskr.sync.mapping.apply.Incoming;
import com.caskr.sync.mapping.outbox.HeldRelay;
import com.caskr.sync.mapping.testing.Connections;
import com.caskr.sync.mapping.testing.StatementCounter;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestInfrastructure;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The batch path of the intake (ADR 0021) on the real broker and PostgreSQL: a batch with
 * duplicates and several versions of one record, a batch delivered again after its transaction
 * committed (a crash before the offset commit), and a poison record in the middle of a batch. Each
 * test holds the outbox relay ({@link HeldRelay}), so the synced events its batches append are
 * still in the outbox when it reads them.
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
class BatchApplyIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOPIC = TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name();

  @Autowired private JdbcClient jdbc;
  @Autowired private ApplySalesforceChange changes;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private KafkaListenerEndpointRegistry listeners;
  @Autowired private MeterRegistry registry;
  @Autowired private StatementCounter statements;
  @Autowired private DataSource dataSource;
  private HeldRelay relay;

  @BeforeEach
  void holdTheRelay() throws SQLException {
    relay = HeldRelay.hold(dataSource);
  }

  @AfterEach
  void releaseTheRelay() throws SQLException {
    relay.close();
  }

  /** Counts the statements of the test thread's batches. */
  @TestConfiguration
  static class Counting {

    @Bean
    static StatementCounter statementCounter() {
      return new StatementCounter();
    }
  }

  @Test
  void theChangeListenerWaitsBrieflyAtTheBrokerForMoreChangesAndNoOtherListenerDoes() {
    // A steady stream then arrives in batches of several changes instead of one change per fetch
    // (ADR 0021, fifth pass); the idle listeners of other topics keep Kafka's long poll.
    assertThat(
            listeners
                .getListenerContainer("salesforce-changes")
                .getContainerProperties()
                .getKafkaConsumerProperties())
        .containsEntry("fetch.min.bytes", "65536")
        .containsEntry("fetch.max.wait.ms", "20");
    assertThat(
            listeners
                .getListenerContainer("sync-commands")
                .getContainerProperties()
                .getKafkaConsumerProperties())
        .doesNotContainKeys("fetch.min.bytes", "fetch.max.wait.ms");
  }

  @Test
  void duplicatesAndSeveralVersionsOfOneRecordInOneBatchApplyOnceAndInOrder() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    SalesforceId other = Changes.newId("001");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SalesforceRecordChanged created =
        Changes.account(tenant, account).version(t0).with("Name", "Batch Bar").build();
    SalesforceRecordChanged newest =
        Changes.account(tenant, account).version(t0.plusSeconds(10)).with("Phone", "v3").build();
    SalesforceRecordChanged older =
        Changes.account(tenant, account).version(t0.plusSeconds(5)).with("Phone", "v2").build();
    SalesforceRecordChanged echo =
        Changes.account(tenant, account)
            .version(t0.plusSeconds(20))
            .with("Phone", "ours")
            .echo()
            .build();
    SalesforceRecordChanged neighbour =
        Changes.account(tenant, other).version(t0).with("Name", "Neighbour").build();

    List<Applied> results =
        changes.applyAll(
            incoming(created, created, newest, older, neighbour, newest, echo, neighbour));

    assertThat(results)
        .extracting(Applied::outcome)
        .containsExactly(
            Outcome.CREATED,
            Outcome.DUPLICATE,
            Outcome.UPDATED,
            Outcome.STALE,
            Outcome.CREATED,
            Outcome.DUPLICATE,
            Outcome.ECHO,
            Outcome.DUPLICATE);
    assertThat(customer(tenant, account)).containsEntry("name", "Batch Bar");
    assertThat(customer(tenant, account)).containsEntry("phone", "v3");
    assertThat(log(tenant, account))
        .containsExactly(
            "CREATE SUCCESS null",
            "UPDATE SUCCESS null",
            "SKIP SKIPPED STALE",
            "SKIP SKIPPED ECHO");
    assertThat(log(tenant, other)).containsExactly("CREATE SUCCESS null");
    assertThat(count("mapping.processed_events", tenant)).isEqualTo(5);
    assertThat(outboxKinds(tenant))
        .as("one synced event per change that changed Caskr, in order")
        .containsExactly("CREATED " + account, "UPDATED " + account, "CREATED " + other);
    assertThat(
            jdbc.sql(
                    "SELECT last_source_version FROM mapping.crm_entity_mappings"
                        + " WHERE company_id = ? AND salesforce_id = ?")
                .params(tenant.companyId(), account.value())
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant())
        .as("the echo moved the applied version on")
        .isEqualTo(t0.plusSeconds(20));
  }

  @Test
  void severalVersionsOfAPairedRecordInOneBatchApplyInOrder() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SalesforceRecordChanged created =
        Changes.account(tenant, account).version(t0).with("Name", "Paired Bar").build();
    changes.applyAll(incoming(created));

    List<Applied> results =
        changes.applyAll(
            incoming(
                created,
                Changes.account(tenant, account)
                    .version(t0.plusSeconds(10))
                    .with("Phone", "2")
                    .build(),
                Changes.account(tenant, account)
                    .version(t0.plusSeconds(5))
                    .with("Phone", "stale")
                    .build(),
                Changes.account(tenant, account)
                    .version(t0.plusSeconds(20))
                    .with("Phone", "3")
                    .build()));

    assertThat(results)
        .extracting(Applied::outcome)
        .containsExactly(Outcome.DUPLICATE, Outcome.UPDATED, Outcome.STALE, Outcome.UPDATED);
    assertThat(customer(tenant, account)).containsEntry("phone", "3");
  }

  @Test
  void plainUpdatesOfPairedAccountsAreWrittenTogetherWithTheirPairsLogsAndSyncedEvents() {
    Tenant tenant = company();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<SalesforceId> accounts = new ArrayList<>();
    List<SalesforceRecordChanged> creates = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SalesforceId account = Changes.newId("001");
      accounts.add(account);
      creates.add(Changes.account(tenant, account).version(t0).with("Name", "Plain " + i).build());
    }
    changes.applyAll(incoming(creates.toArray(SalesforceRecordChanged[]::new)));

    List<SalesforceRecordChanged> updates = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      updates.add(
          Changes.account(tenant, accounts.get(i))
              .version(t0.plusSeconds(1))
              .with("Phone", "p" + i)
              .build());
    }
    // A second version of the first account later in the batch reads what the first one wrote.
    updates.add(
        Changes.account(tenant, accounts.getFirst())
            .version(t0.plusSeconds(2))
            .with("Phone", "second")
            .build());
    List<Applied> results =
        changes.applyAll(incoming(updates.toArray(SalesforceRecordChanged[]::new)));

    assertThat(results).extracting(Applied::outcome).containsOnly(Outcome.UPDATED);
    assertThat(customer(tenant, accounts.getFirst())).containsEntry("phone", "second");
    for (int i = 1; i < 5; i++) {
      assertThat(customer(tenant, accounts.get(i)))
          .containsEntry("phone", "p" + i)
          .containsEntry("name", "Plain " + i);
      assertThat(log(tenant, accounts.get(i)))
          .containsExactly("CREATE SUCCESS null", "UPDATE SUCCESS null");
    }
    assertThat(log(tenant, accounts.getFirst()))
        .containsExactly("CREATE SUCCESS null", "UPDATE SUCCESS null", "UPDATE SUCCESS null");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM mapping.crm_entity_mappings m JOIN caskr.customers c"
                        + " ON c.id = m.caskr_id WHERE m.company_id = ?"
                        + " AND m.caskr_modified_at = c.updated_at"
                        + " AND m.last_synced_fields ->> 'phone' = c.phone"
                        + " AND m.last_source_version = m.salesforce_modified_at")
                .param(tenant.companyId())
                .query(Long.class)
                .single())
        .as("every pair's snapshot, versions and Caskr time follow its row")
        .isEqualTo(5);
    assertThat(outboxKinds(tenant))
        .filteredOn(kind -> kind.startsWith("UPDATED"))
        .hasSize(6)
        .containsSubsequence("UPDATED " + accounts.getFirst(), "UPDATED " + accounts.getFirst());
    assertThat(
            jdbc.sql(
                    "SELECT payload::jsonb ->> 'customer' FROM mapping.outbox_events WHERE company_id = ?"
                        + " AND payload::jsonb ->> 'outcome' = 'UPDATED' ORDER BY id DESC LIMIT 1")
                .param(tenant.companyId())
                .query(String.class)
                .single())
        .as("the synced event carries the row as written")
        .contains("second");

    List<Applied> late =
        changes.applyAll(
            incoming(
                Changes.account(tenant, accounts.get(1))
                    .version(t0.plusMillis(500))
                    .with("Phone", "stale")
                    .build()));
    assertThat(late).extracting(Applied::outcome).containsExactly(Outcome.STALE);
    assertThat(customer(tenant, accounts.get(1))).containsEntry("phone", "p1");
  }

  @Test
  void aBatchOfPlainAccountUpdatesTakesTheSameFewStatementsWhateverItsSize() {
    Tenant tenant = company();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<SalesforceId> accounts = new ArrayList<>();
    List<SalesforceRecordChanged> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      SalesforceId account = Changes.newId("001");
      accounts.add(account);
      // With the phone in the snapshot an update of it is a plain one (no first-sync conflict).
      creates.add(
          Changes.account(tenant, account)
              .version(t0)
              .with("Name", "Count " + i)
              .with("Phone", "v0")
              .build());
    }
    changes.applyAll(incoming(creates.toArray(SalesforceRecordChanged[]::new)));

    StatementCounter.Counted<List<Applied>> few =
        statements.count(() -> changes.applyAll(updates(tenant, accounts.subList(0, 5), t0, 1)));
    StatementCounter.Counted<List<Applied>> many =
        statements.count(() -> changes.applyAll(updates(tenant, accounts, t0, 2)));

    assertThat(few.result()).extracting(Applied::outcome).containsOnly(Outcome.UPDATED);
    assertThat(many.result()).extracting(Applied::outcome).containsOnly(Outcome.UPDATED);
    assertThat(many.result()).hasSize(50);
    // Tenants, ledger (with the sync-origin tag), pairs + rows + pending conflicts, the rows and
    // pairs, the sync logs, the outbox rows: none of them per change.
    assertThat(many.statements())
        .as("statements of a batch of 50")
        .hasSize(few.statements().size())
        .hasSize(6);
    assertThat(many.commits()).isEqualTo(1);
    assertThat(customer(tenant, accounts.getLast())).containsEntry("phone", "v2");
    assertThat(count("mapping.crm_sync_logs", tenant)).isEqualTo(50 + 5 + 50);
  }

  @Test
  void aBatchLargerThanAnInsertChunkWritesItsLogsAndSyncedEventsInOneStatementEachInOrder() {
    Tenant tenant = company();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<SalesforceId> accounts = new ArrayList<>();
    List<SalesforceRecordChanged> creates = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      SalesforceId account = Changes.newId("001");
      accounts.add(account);
      creates.add(
          Changes.account(tenant, account)
              .version(t0)
              .with("Name", "Large " + i)
              .with("Phone", "v0")
              .build());
    }
    changes.applyAll(incoming(creates.toArray(SalesforceRecordChanged[]::new)));

    StatementCounter.Counted<List<Applied>> large =
        statements.count(() -> changes.applyAll(updates(tenant, accounts, t0, 1)));

    assertThat(large.result())
        .hasSize(600)
        .extracting(Applied::outcome)
        .containsOnly(Outcome.UPDATED);
    // 600 rows were two multi-row inserts each for logs and outbox before (500 per statement).
    assertThat(large.statements()).as("statements of a batch of 600").hasSize(6);
    List<String> expected = accounts.stream().map(a -> "UPDATED " + a.value()).toList();
    assertThat(outboxKinds(tenant))
        .filteredOn(kind -> kind.startsWith("UPDATED"))
        .as("synced events in the batch's order (outbox ids follow the appends)")
        .containsExactlyElementsOf(expected);
    assertThat(
            jdbc.sql(
                    "SELECT salesforce_id FROM mapping.crm_sync_logs WHERE company_id = ?"
                        + " AND operation = 'UPDATE' AND status = 'SUCCESS' AND records_updated = 1"
                        + " AND records_created = 0 AND records_processed = 1"
                        + " AND direction = 'INBOUND' AND source = 'PUBSUB_CDC'"
                        + " AND org_id = ? AND caskr_id IS NOT NULL AND event_id IS NOT NULL"
                        + " AND error_code IS NULL AND duration_ms >= 0"
                        + " AND completed_at >= started_at ORDER BY id")
                .params(tenant.companyId(), tenant.orgId().value())
                .query(String.class)
                .list())
        .as("one complete sync-log row per change, in the batch's order")
        .containsExactlyElementsOf(accounts.stream().map(SalesforceId::value).toList());
  }

  private static List<Incoming> updates(
      Tenant tenant, List<SalesforceId> accounts, Instant t0, int pass) {
    return incoming(
        accounts.stream()
            .map(
                account ->
                    Changes.account(tenant, account)
                        .version(t0.plusSeconds(pass))
                        .with("Phone", "v" + pass)
                        .build())
            .toArray(SalesforceRecordChanged[]::new));
  }

  @Test
  void aStaleVersionInTheNextBatchIsSkipped() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SalesforceRecordChanged created =
        Changes.account(tenant, account).version(t0).with("Name", "Next Bar").build();
    changes.applyAll(
        incoming(
            created,
            created,
            Changes.account(tenant, account)
                .version(t0.plusSeconds(10))
                .with("Phone", "2")
                .build()));

    List<Applied> late =
        changes.applyAll(
            incoming(
                Changes.account(tenant, account)
                    .version(t0.plusSeconds(5))
                    .with("Phone", "stale")
                    .build()));

    assertThat(late).extracting(Applied::outcome).containsExactly(Outcome.STALE);
    assertThat(customer(tenant, account)).containsEntry("phone", "2");
  }

  @Test
  void aBatchChangeThatSettlesAPendingConflictDismissesIt() {
    Tenant tenant = company();
    SalesforceId account = Changes.newId("001");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    changes.applyAll(
        incoming(Changes.account(tenant, account).version(t0).with("Name", "Still House").build()));
    jdbc.sql(
            "UPDATE caskr.customers SET name = 'Caskr Name', updated_at = now()"
                + " WHERE company_id = ? AND salesforce_account_id = ?")
        .params(tenant.companyId(), account.value())
        .update();
    changes.applyAll(
        incoming(
            Changes.account(tenant, account)
                .version(t0.plusSeconds(1))
                .with("Name", "Salesforce Name")
                .build()));
    assertThat(conflicts(tenant)).containsExactly("name PENDING");

    List<Applied> settled =
        changes.applyAll(
            incoming(
                Changes.account(tenant, account)
                    .version(t0.plusSeconds(2))
                    .with("Name", "Caskr Name")
                    .build()));

    assertThat(settled).extracting(Applied::outcome).containsExactly(Outcome.UPDATED);
    assertThat(conflicts(tenant)).containsExactly("name DISMISSED");
  }

  @Test
  void aMixedBatchWritesOneLedgerAndSyncLogRowPerAppliedEventAndOneSyncedEventPerCaskrChange() {
    Tenant tenant = company();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SalesforceId plain = Changes.newId("001");
    SalesforceId staled = Changes.newId("001");
    SalesforceId disputed = Changes.newId("001");
    changes.applyAll(
        incoming(
            Changes.account(tenant, plain).version(t0).with("Name", "Plain House").build(),
            Changes.account(tenant, staled).version(t0).with("Name", "Stale House").build(),
            Changes.account(tenant, disputed).version(t0).with("Name", "Disputed House").build()));
    jdbc.sql(
            "UPDATE caskr.customers SET name = 'Caskr Name'"
                + " WHERE company_id = ? AND salesforce_account_id = ?")
        .params(tenant.companyId(), disputed.value())
        .update();
    SalesforceRecordChanged update =
        Changes.account(tenant, plain).version(t0.plusSeconds(1)).with("Phone", "p1").build();
    SalesforceRecordChanged neighbour =
        Changes.account(tenant, staled).version(t0.plusSeconds(1)).with("Phone", "s1").build();
    SalesforceRecordChanged stale =
        Changes.account(tenant, staled).version(t0.minusSeconds(1)).with("Phone", "old").build();
    // Older than Caskr's edit (after the first batch): settled fields keep Caskr's values, the
    // name (critical) waits for review.
    SalesforceRecordChanged conflict =
        Changes.account(tenant, disputed)
            .version(t0.plusMillis(1))
            .with("Name", "Salesforce Name")
            .build();
    List<Incoming> batch = incoming(update, update, neighbour, stale, conflict, update);

    List<Applied> results = changes.applyAll(batch);

    assertThat(results)
        .extracting(Applied::outcome)
        .containsExactly(
            Outcome.UPDATED,
            Outcome.DUPLICATE,
            Outcome.UPDATED,
            Outcome.STALE,
            Outcome.UPDATED,
            Outcome.DUPLICATE);
    assertThat(count("mapping.processed_events", tenant)).as("3 creates + 4 events").isEqualTo(7);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) = count(DISTINCT event_id) FROM mapping.crm_sync_logs"
                        + " WHERE company_id = ?")
                .param(tenant.companyId())
                .query(Boolean.class)
                .single())
        .as("one sync-log row per applied event")
        .isTrue();
    assertThat(count("mapping.crm_sync_logs", tenant)).isEqualTo(7);
    assertThat(log(tenant, plain)).containsExactly("CREATE SUCCESS null", "UPDATE SUCCESS null");
    assertThat(log(tenant, staled))
        .containsExactly("CREATE SUCCESS null", "UPDATE SUCCESS null", "SKIP SKIPPED STALE");
    assertThat(log(tenant, disputed))
        .containsExactly("CREATE SUCCESS null", "UPDATE CONFLICT CONFLICT");
    assertThat(outboxKinds(tenant))
        .as("a synced event per change that changed Caskr, none for the stale or held name")
        .containsExactly(
            "CREATED " + plain,
            "CREATED " + staled,
            "CREATED " + disputed,
            "UPDATED " + plain,
            "UPDATED " + staled);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM mapping.outbox_events WHERE company_id = ?"
                        + " AND topic = ?")
                .params(tenant.companyId(), TopicCatalogue.SYNC_CONFLICT_DETECTED.name())
                .query(Long.class)
                .single())
        .as("one detected event per stored conflict")
        .isEqualTo(count("mapping.crm_sync_conflicts", tenant));
    assertThat(conflicts(tenant)).contains("name PENDING");
    assertThat(customer(tenant, staled)).containsEntry("phone", "s1");
    assertThat(customer(tenant, disputed)).containsEntry("name", "Caskr Name");
    String before = state(tenant);

    assertThat(changes.applyAll(batch))
        .extracting(Applied::outcome)
        .containsOnly(Outcome.DUPLICATE);
    assertThat(state(tenant)).isEqualTo(before);
  }

  @Test
  void aBatchDeliveredAgainAfterItsCommitChangesNothing() {
    Tenant tenant = company();
    List<SalesforceRecordChanged> batch = new ArrayList<>();
    List<SalesforceId> accounts = new ArrayList<>();
    Instant t0 = Instant.now();
    for (int i = 0; i < 20; i++) {
      SalesforceId account = Changes.newId("001");
      accounts.add(account);
      batch.add(Changes.account(tenant, account).version(t0).with("Name", "Acct " + i).build());
      batch.add(
          Changes.account(tenant, account).version(t0.plusSeconds(1)).with("Phone", "p").build());
    }
    changes.applyAll(incoming(batch.toArray(SalesforceRecordChanged[]::new)));
    String before = state(tenant);

    List<Applied> again = changes.applyAll(incoming(batch.toArray(SalesforceRecordChanged[]::new)));

    assertThat(again).extracting(Applied::outcome).containsOnly(Outcome.DUPLICATE);
    assertThat(state(tenant)).isEqualTo(before);
    assertThat(count("mapping.crm_sync_logs", tenant)).isEqualTo(40);
    assertThat(customer(tenant, accounts.getLast())).containsEntry("phone", "p");
  }

  @Test
  void aPoisonRecordInTheMiddleOfABatchAloneGoesToTheDeadLetterTopic() {
    Tenant tenant = company();
    SalesforceId poisoned = Changes.newId("001");
    // A pair whose Caskr row does not exist: every attempt to apply a change to it fails.
    jdbc.sql(
            "INSERT INTO mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
                + " salesforce_id, caskr_entity, caskr_id, last_synced_fields)"
                + " VALUES (?, ?, 'Account', ?, 'customer', ?, '{}'::jsonb)")
        .params(tenant.companyId(), tenant.orgId().value(), poisoned.value(), Long.MAX_VALUE)
        .update();
    List<SalesforceRecordChanged> before = new ArrayList<>();
    List<SalesforceRecordChanged> after = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      before.add(Changes.account(tenant, Changes.newId("001")).with("Name", "Before " + i).build());
      after.add(Changes.account(tenant, Changes.newId("001")).with("Name", "After " + i).build());
    }
    SalesforceRecordChanged poison =
        Changes.account(tenant, poisoned).with("Name", "Never Applied").build();
    double oneByOne = batches("one-by-one");

    MessageListenerContainer container = listeners.getListenerContainer("salesforce-changes");
    container.pause();
    await().atMost(WAIT).until(container::isContainerPaused);
    try {
      // One partition, so the eleven records reach one consumer in one poll, in this order.
      before.forEach(this::sendToPartitionZero);
      sendToPartitionZero(poison);
      after.forEach(this::sendToPartitionZero);
    } finally {
      container.resume();
    }

    assertThat(awaitDeadLetter(poison).key()).isEqualTo(poison.kafkaKey());
    List<SalesforceRecordChanged> neighbours = new ArrayList<>(before);
    neighbours.addAll(after);
    await()
        .atMost(WAIT)
        .until(() -> count("mapping.processed_events", tenant) == neighbours.size());
    for (SalesforceRecordChanged neighbour : neighbours) {
      assertThat(log(tenant, neighbour.recordId()))
          .as("applied exactly once: %s", neighbour.fields().get("Name"))
          .containsExactly("CREATE SUCCESS null");
    }
    assertThat(count("caskr.customers", tenant)).isEqualTo(neighbours.size());
    assertThat(log(tenant, poisoned)).isEmpty();
    assertThat(batches("one-by-one"))
        .as("the failed batch was applied record by record")
        .isGreaterThan(oneByOne);
  }

  @Test
  void refusedTenantsInABatchGoToTheDeadLetterTopicAndTheirNeighboursApplyOnceWithoutFallback() {
    Tenant tenant = company();
    Intake intake = new Intake(jdbc);
    Tenant unconnected = intake.unconnectedCompany();
    // An org nobody connected, named with a company that is connected to another org.
    Tenant unboundOrg = new Tenant(tenant.companyId(), Changes.newId("00D"));
    List<SalesforceRecordChanged> good = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      good.add(Changes.account(tenant, Changes.newId("001")).with("Name", "Good " + i).build());
    }
    SalesforceRecordChanged mismatch =
        Changes.account(unboundOrg, Changes.newId("001")).with("Name", "Unbound org").build();
    SalesforceRecordChanged notConnected =
        Changes.account(unconnected, Changes.newId("001")).with("Name", "Too early").build();
    SalesforceRecordChanged lateMismatch =
        Changes.account(unboundOrg, Changes.newId("001")).with("Name", "Unbound again").build();
    double oneByOne = batches("one-by-one");

    MessageListenerContainer container = listeners.getListenerContainer("salesforce-changes");
    container.pause();
    await().atMost(WAIT).until(container::isContainerPaused);
    try {
      // One partition, so the twelve records reach one consumer in one poll, in this order.
      good.subList(0, 3).forEach(this::sendToPartitionZero);
      sendToPartitionZero(mismatch);
      good.subList(3, 6).forEach(this::sendToPartitionZero);
      sendToPartitionZero(notConnected);
      good.subList(6, 9).forEach(this::sendToPartitionZero);
      sendToPartitionZero(lateMismatch);
    } finally {
      container.resume();
    }

    assertThat(awaitDeadLetter(mismatch).key()).isEqualTo(mismatch.kafkaKey());
    assertThat(awaitDeadLetter(notConnected).key()).isEqualTo(notConnected.kafkaKey());
    assertThat(awaitDeadLetter(lateMismatch).key()).isEqualTo(lateMismatch.kafkaKey());
    await().atMost(WAIT).until(() -> log(unconnected, notConnected.recordId()).size() == 1);
    for (SalesforceRecordChanged neighbour : good) {
      assertThat(log(tenant, neighbour.recordId()))
          .as("applied exactly once: %s", neighbour.fields().get("Name"))
          .containsExactly("CREATE SUCCESS null");
    }
    assertThat(count("caskr.customers", tenant)).isEqualTo(good.size());
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM mapping.crm_sync_logs WHERE company_id = ?"
                        + " AND status = 'SUCCESS' AND completed_at > (SELECT min(completed_at)"
                        + " FROM mapping.crm_sync_logs WHERE company_id = ?)")
                .params(tenant.companyId(), unconnected.companyId())
                .query(Long.class)
                .single())
        .as("the good changes committed before the unconnected one's retries ended")
        .isZero();
    assertThat(log(tenant, mismatch.recordId()))
        .as("a mismatch is logged once and touches nothing")
        .containsExactly("SKIP FAILED TENANT_MISMATCH");
    assertThat(log(tenant, lateMismatch.recordId())).containsExactly("SKIP FAILED TENANT_MISMATCH");
    assertThat(log(unconnected, notConnected.recordId()))
        .containsExactly("SKIP FAILED TENANT_NOT_CONNECTED");
    assertThat(count("mapping.processed_events", tenant))
        .as("refused changes stay out of the ledger (a re-drive applies them)")
        .isEqualTo(good.size());
    assertThat(count("mapping.processed_events", unconnected)).isZero();
    assertThat(
            intake.copies(
                TopicCatalogue.topicFor(lateMismatch).deadLetter().name(),
                lateMismatch.eventId().toString()))
        .as("dead-lettered once, though it came again after the unconnected change")
        .isOne();
    assertThat(batches("one-by-one")).as("no batch fell back to one by one").isEqualTo(oneByOne);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static List<Incoming> incoming(SalesforceRecordChanged... events) {
    return java.util.Arrays.stream(events).map(event -> new Incoming(event, TOPIC)).toList();
  }

  private Tenant company() {
    long id =
        jdbc.sql("INSERT INTO caskr.company (name) VALUES ('Batch Distillery') RETURNING id")
            .query(Long.class)
            .single();
    Tenant tenant = new Tenant(id, Changes.newId("00D"));
    new Connections(jdbc).connect(tenant);
    return tenant;
  }

  private void sendToPartitionZero(SalesforceRecordChanged event) {
    try {
      kafka.send(TOPIC, 0, event.kafkaKey(), event).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Kafka did not take the event", e);
    }
  }

  private double batches(String mode) {
    var counter = registry.find("crm_sync_batches").tag("mode", mode).counter();
    return counter == null ? 0 : counter.count();
  }

  private Map<String, Object> customer(Tenant tenant, SalesforceId account) {
    String json =
        jdbc.sql(
                "SELECT to_jsonb(t)::text FROM caskr.customers t"
                    + " WHERE company_id = ? AND salesforce_account_id = ?")
            .params(tenant.companyId(), account.value())
            .query(String.class)
            .single();
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

  private long count(String table, Tenant tenant) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE company_id = ?")
        .param(tenant.companyId())
        .query(Long.class)
        .single();
  }

  private List<String> conflicts(Tenant tenant) {
    return jdbc.sql(
            "SELECT field || ' ' || status FROM mapping.crm_sync_conflicts WHERE company_id = ?"
                + " ORDER BY id")
        .param(tenant.companyId())
        .query(String.class)
        .list();
  }

  private List<String> outboxKinds(Tenant tenant) {
    return jdbc.sql(
            "SELECT (payload::jsonb ->> 'outcome') || ' ' || (payload::jsonb ->> 'salesforceId')"
                + " FROM mapping.outbox_events WHERE company_id = ? AND topic LIKE 'caskr.%'"
                + " ORDER BY id")
        .param(tenant.companyId())
        .query(String.class)
        .list();
  }

  /** Everything a redelivery could change: rows, pairs, logs, outbox, ledger. */
  private String state(Tenant tenant) {
    return jdbc.sql(
            "SELECT concat_ws(' | ',"
                + " (SELECT string_agg(to_jsonb(c)::text, ',' ORDER BY id) FROM caskr.customers c"
                + "   WHERE company_id = :c),"
                + " (SELECT string_agg(to_jsonb(m)::text, ',' ORDER BY id)"
                + "   FROM mapping.crm_entity_mappings m WHERE company_id = :c),"
                + " (SELECT count(*) FROM mapping.crm_sync_logs WHERE company_id = :c),"
                + " (SELECT count(*) FROM mapping.outbox_events WHERE company_id = :c),"
                + " (SELECT count(*) FROM mapping.processed_events WHERE company_id = :c))")
        .param("c", tenant.companyId())
        .query(String.class)
        .single();
  }

  private ConsumerRecord<String, byte[]> awaitDeadLetter(SalesforceRecordChanged event) {
    String dlq = TopicCatalogue.topicFor(event).deadLetter().name();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "batch-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlq).stream()
              .map(info -> new TopicPartition(dlq, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (new String(record.value(), StandardCharsets.UTF_8)
                      .contains(event.eventId().toString())) {
                    found.add(record);
                  }
                }
                return !found.isEmpty();
              });
      return found.getFirst();
    }
  }
}
