package com.caskr.sync.writeback.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.ChangeType;
import com.caskr.sync.emulator.org.Faults;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.testing.UsesTestInfrastructure;
import com.caskr.sync.writeback.plan.Batches;
import com.caskr.sync.writeback.plan.OrgGate;
import com.caskr.sync.writeback.plan.PushQueue;
import com.caskr.sync.writeback.plan.Pusher;
import com.caskr.sync.writeback.plan.RetryPolicy;
import com.caskr.sync.writeback.plan.RowOutcome;
import com.caskr.sync.writeback.plan.SalesforceOrg;
import com.caskr.sync.writeback.plan.SalesforceState;
import com.caskr.sync.writeback.plan.SyncState;
import com.caskr.sync.writeback.plan.Target;
import com.caskr.sync.writeback.salesforce.Connections;
import com.caskr.sync.writeback.testing.EmulatorOrgs;
import com.caskr.sync.writeback.testing.MappingSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Caskr edits to the emulator with real PostgreSQL and Kafka: the relay and the intake run, and
 * each test drives the push passes itself (the background pusher is off) so it can count calls and
 * look between passes. Delays of the retry policy are scaled down.
 */
@SpringBootTest(
    properties = {
      "writeback.push.enabled=false",
      "writeback.capture.poll-interval=50ms",
      "writeback.push.backoff=50ms,100ms,200ms",
      "writeback.push.limit-pause=500ms",
      "writeback.push.lock-jitter=50ms",
      "writeback.queue.settle=100ms"
    })
@UsesTestInfrastructure
@Import({MappingSchema.class, WritebackIntegrationTest.Emulated.class})
class WritebackIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final EmulatorOrgs ORGS = new EmulatorOrgs();

  @TestConfiguration(proxyBeanMethods = false)
  static class Emulated {
    @Bean
    @Primary
    Connections emulatorConnections() {
      return ORGS;
    }
  }

  @Autowired private JdbcClient jdbc;
  @Autowired private Pusher pusher;
  @Autowired private PushQueue queue;
  @Autowired private SyncState state;
  @Autowired private OrgGate gate;
  @Autowired private LongFunction<SalesforceOrg> orgs;

  @Test
  void aCaskrEditReachesSalesforceTaggedAsTheSync() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Edit reaches Salesforce");
    List<ChangeRecord> changes = new CopyOnWriteArrayList<>();
    org.org().addListener(changes::addAll);
    Linked customer = linkedCustomer(company, org.org(), "Copper Still", "555-0100");

    caskr("UPDATE caskr.customers SET phone = '555-0142' WHERE id = ?", customer.caskrId());
    pushAll(company, 1);

    assertThat(org.org().read("Account", customer.accountId()).get("Phone")).isEqualTo("555-0142");
    assertThat(changes)
        .filteredOn(change -> change.recordIds().contains(customer.accountId()))
        .filteredOn(change -> change.changeType() == ChangeType.UPDATE)
        .singleElement()
        .satisfies(change -> assertThat(change.changeOrigin()).endsWith(";client=caskr-sync"));
    assertThat(snapshot(company, customer.caskrId())).contains("\"phone\": \"555-0142\"");
    assertThat(
            jdbc.sql(
                    "SELECT status || ':' || operation || ':' || direction FROM mapping.crm_sync_logs"
                        + " WHERE company_id = :c")
                .param("c", company)
                .query(String.class)
                .list())
        .containsExactly("SUCCESS:UPDATE:OUTBOUND");
  }

  @Test
  void aNewCustomerCreatesItsAccountOnceAndIsLinked() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "New customer");
    long customer =
        jdbc.sql(
                "INSERT INTO caskr.customers (company_id, name, phone) VALUES (:c, 'Saltmarsh"
                    + " Oyster Bar', '555-0100') RETURNING id")
            .param("c", company)
            .query(Long.class)
            .single();

    pushAll(company, 1);

    String accountId =
        jdbc.sql("SELECT salesforce_account_id FROM caskr.customers WHERE id = :id")
            .param("id", customer)
            .query(String.class)
            .single();
    assertThat(accountId).startsWith("001");
    Map<String, Object> account = org.org().read("Account", accountId);
    assertThat(account.get("Name")).isEqualTo("Saltmarsh Oyster Bar");
    assertThat(account.get("Caskr_Customer_Id__c")).isEqualTo(Long.toString(customer));
    assertThat(
            jdbc.sql(
                    "SELECT salesforce_id FROM mapping.crm_entity_mappings WHERE company_id = :c"
                        + " AND caskr_entity = 'customer' AND caskr_id = :id")
                .param("c", company)
                .param("id", customer)
                .query(String.class)
                .single())
        .isEqualTo(accountId);
    assertThat(
            jdbc.sql(
                    "SELECT operation FROM writeback.trigger_log WHERE caskr_id = :id AND company_id = :c")
                .param("id", customer)
                .param("c", company)
                .query(String.class)
                .list())
        .as("storing the Account id is the sync's own write, not captured")
        .containsExactly("INSERT");

    caskr("UPDATE caskr.customers SET name = 'Saltmarsh' WHERE id = ?", customer);
    pushAll(company, 1);
    assertThat(org.org().count("Account", false)).isOne();
    assertThat(org.org().read("Account", accountId).get("Name")).isEqualTo("Saltmarsh");
  }

  @Test
  void aThousandEditsTakeAtMostSixApiCalls() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Thousand edits");
    List<Linked> customers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      customers.add(linkedCustomer(company, org.org(), "Bar " + i, "555-0100"));
    }
    caskr("UPDATE caskr.customers SET phone = '555-0199' WHERE company_id = ?", company);
    awaitQueued(company, 1000);
    long before = org.org().apiUsage().used();

    pushAll(company, 1000);

    assertThat(org.org().apiUsage().used() - before).isLessThanOrEqualTo(6);
    assertThat(customers)
        .allSatisfy(
            c ->
                assertThat(org.org().read("Account", c.accountId()).get("Phone"))
                    .isEqualTo("555-0199"));
  }

  @Test
  void anExpiredSessionIsRefreshedOnceMidBatch() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Token expiry");
    Linked customer = linkedCustomer(company, org.org(), "Copper Still", "555-0100");
    org.tokens().session();
    EmulatorOrgs.bean(Tokens.class).expireAll(org.org().id());

    caskr("UPDATE caskr.customers SET phone = '555-0142' WHERE id = ?", customer.caskrId());
    pushAll(company, 1);

    assertThat(org.org().read("Account", customer.accountId()).get("Phone")).isEqualTo("555-0142");
    assertThat(org.tokens().refreshes()).isOne();
  }

  @Test
  void anExhaustedDailyLimitPausesTheOrgAndTheEditGoesOnceItRecovers() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Limit exhaustion");
    Linked customer = linkedCustomer(company, org.org(), "Copper Still", "555-0100");
    org.org().apiUsage().exhaust();

    caskr("UPDATE caskr.customers SET phone = '555-0142' WHERE id = ?", customer.caskrId());
    awaitQueued(company, 1);
    await().atMost(PATIENCE).until(() -> pusher.pushOnce() > 0);

    assertThat(queued(company)).as("waiting, not lost").isOne();
    assertThat(org.org().read("Account", customer.accountId()).get("Phone")).isEqualTo("555-0100");

    org.org().apiUsage().reset();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              pusher.pushOnce();
              return queued(company) == 0;
            });
    assertThat(org.org().read("Account", customer.accountId()).get("Phone")).isEqualTo("555-0142");
  }

  @Test
  void serviceUnavailableIsRetried() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "503");
    Linked customer = linkedCustomer(company, org.org(), "Copper Still", "555-0100");
    org.org().faults().add(Faults.Kind.UNAVAILABLE, 2L, null, null, null, null);

    caskr("UPDATE caskr.customers SET phone = '555-0142' WHERE id = ?", customer.caskrId());
    pushAll(company, 1);

    assertThat(org.org().read("Account", customer.accountId()).get("Phone")).isEqualTo("555-0142");
  }

  @Test
  void theSameFieldEditedOnBothSidesIsAConflictNotAnOverwrite() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Conflict");
    Linked customer = linkedCustomer(company, org.org(), "Copper Still", "555-0100");
    org.org()
        .update(
            "Account",
            customer.accountId(),
            Map.of("Phone", "555-0177"),
            Caller.user(org.org().adminUserId()));

    caskr("UPDATE caskr.customers SET phone = '555-0142' WHERE id = ?", customer.caskrId());
    pushAll(company, 1);

    assertThat(org.org().read("Account", customer.accountId()).get("Phone")).isEqualTo("555-0177");
    assertThat(
            jdbc.sql(
                    "SELECT field || '|' || base_value::text || '|' || salesforce_value::text || '|'"
                        + " || caskr_value::text || '|' || status || '|' || detected_direction"
                        + " FROM mapping.crm_sync_conflicts WHERE company_id = :c")
                .param("c", company)
                .query(String.class)
                .list())
        .containsExactly("phone|\"555-0100\"|\"555-0177\"|\"555-0142\"|PENDING|OUTBOUND");
  }

  @Test
  void aRecordSalesforceRefusesWaitsForReviewAndAGoneOneMarksItsMappingDeleted() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Refusals");
    Linked gone = linkedCustomer(company, org.org(), "Gone Bar", "555-0100");
    org.org().delete(gone.accountId(), Caller.user(org.org().adminUserId()));
    long portalUser =
        jdbc.sql(
                "INSERT INTO caskr.portal_users (company_id, email) VALUES (:c, 'no-name@bar.example')"
                    + " RETURNING id")
            .param("c", company)
            .query(Long.class)
            .single();
    caskr("UPDATE caskr.customers SET phone = '555-0142' WHERE id = ?", gone.caskrId());

    pushAll(company, 2);

    assertThat(
            jdbc.sql("SELECT sync_status FROM mapping.crm_entity_mappings WHERE company_id = :c")
                .param("c", company)
                .query(String.class)
                .single())
        .isEqualTo("DELETED");
    assertThat(
            jdbc.sql(
                    "SELECT entity || ':' || direction || ':' || reason || ':' || caskr_id"
                        + " FROM mapping.crm_review_holds WHERE company_id = :c")
                .param("c", company)
                .query(String.class)
                .list())
        .containsExactly("Contact:OUTBOUND:VALIDATION_ERROR:" + portalUser);
  }

  @Test
  void aPassThatDiesAfterSalesforceWroteLosesNothingAndDuplicatesNothing() {
    long company = company();
    EmulatorOrgs.TestOrg org = ORGS.connect(company, "Crash mid-batch");
    for (int i = 0; i < 3; i++) {
      jdbc.sql("INSERT INTO caskr.customers (company_id, name) VALUES (:c, :n)")
          .param("c", company)
          .param("n", "New Bar " + i)
          .update();
    }
    awaitQueued(company, 3);
    Pusher dying =
        new Pusher(
            queue,
            state,
            id -> new DiesAfterSending(orgs.apply(id)),
            gate,
            new RetryPolicy(List.of(Duration.ofMillis(50)), Duration.ofMillis(50), 1),
            2000,
            200,
            Duration.ofSeconds(1),
            new Random());

    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              try {
                dying.pushOnce();
                return false;
              } catch (IllegalStateException killed) {
                return true;
              }
            });
    assertThat(org.org().count("Account", false)).as("Salesforce took the batch").isEqualTo(3);
    assertThat(queued(company)).as("nothing was marked done").isEqualTo(3);

    pushAll(company, 3);

    assertThat(org.org().count("Account", false))
        .as("the retry upserted, not created")
        .isEqualTo(3);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM caskr.customers c JOIN mapping.crm_entity_mappings m"
                        + " ON m.company_id = c.company_id AND m.caskr_id = c.id"
                        + " AND m.salesforce_id = c.salesforce_account_id WHERE c.company_id = :c")
                .param("c", company)
                .query(Long.class)
                .single())
        .isEqualTo(3);
  }

  /** Salesforce applies the batch, then the process "dies" before it records anything. */
  private record DiesAfterSending(SalesforceOrg org) implements SalesforceOrg {

    @Override
    public String orgId() {
      return org.orgId();
    }

    @Override
    public Map<String, SalesforceState> retrieve(
        Target target, Collection<String> fields, Collection<String> ids) {
      return org.retrieve(target, fields, ids);
    }

    @Override
    public List<RowOutcome> send(Batches.Batch batch) {
      org.send(batch);
      throw new IllegalStateException("killed after Salesforce answered");
    }

    @Override
    public Optional<Usage> usage() {
      return org.usage();
    }
  }

  private record Linked(long caskrId, String accountId) {}

  private Linked linkedCustomer(long company, Org org, String name, String phone) {
    String accountId =
        org.create("Account", Map.of("Name", name, "Phone", phone), Caller.user(org.adminUserId()));
    long id =
        jdbc.sql(
                "WITH tag AS (SELECT set_config('caskr.sync_origin', 'salesforce-sync', true))"
                    + " INSERT INTO caskr.customers (company_id, name, phone, salesforce_account_id)"
                    + " SELECT :c, :n, :p, :a FROM tag RETURNING id")
            .param("c", company)
            .param("n", name)
            .param("p", phone)
            .param("a", accountId)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
                + " salesforce_id, caskr_entity, caskr_id, last_synced_fields, last_synced_at)"
                + " VALUES (:c, :o, 'Account', :a, 'customer', :id, jsonb_build_object('name', :n,"
                + " 'phone', :p), now())")
        .param("c", company)
        .param("o", org.id())
        .param("a", accountId)
        .param("id", id)
        .param("n", name)
        .param("p", phone)
        .update();
    return new Linked(id, accountId);
  }

  private long company() {
    return jdbc.sql(
            "INSERT INTO caskr.company (id, name) OVERRIDING SYSTEM VALUE VALUES (:id, :name)"
                + " RETURNING id")
        .param("id", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2))
        .param("name", "Distillery " + UUID.randomUUID())
        .query(Long.class)
        .single();
  }

  private void caskr(String sql, Object parameter) {
    jdbc.sql(sql).params(parameter).update();
  }

  private void awaitQueued(long company, int count) {
    await().atMost(PATIENCE).until(() -> queued(company) == count);
  }

  /** Waits for {@code count} queued edits, then pushes until the company's queue is empty. */
  private void pushAll(long company, int count) {
    awaitQueued(company, count);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              pusher.pushOnce();
              return queued(company) == 0;
            });
  }

  private long queued(long company) {
    return jdbc.sql("SELECT count(*) FROM writeback.push_queue WHERE company_id = :c")
        .param("c", company)
        .query(Long.class)
        .single();
  }

  private String snapshot(long company, long caskrId) {
    return jdbc.sql(
            "SELECT last_synced_fields::text FROM mapping.crm_entity_mappings"
                + " WHERE company_id = :c AND caskr_id = :id")
        .param("c", company)
        .param("id", caskrId)
        .query(String.class)
        .single();
  }
}
