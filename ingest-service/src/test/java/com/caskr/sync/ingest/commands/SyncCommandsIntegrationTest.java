package com.caskr.sync.ingest.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.leadership.OrgLeadership;
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
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.events.SyncMode;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** sync.command.v1 end to end: Kafka → the hand-over table → the org's leader → Kafka. */
@SpringBootTest(
    properties = {
      "ingest.polling.enabled=false",
      "ingest.reconcile.enabled=false",
      "ingest.commands.tick=200ms",
      "ingest.leadership.check-interval=200ms"
    })
@UsesTestInfrastructure
@Import(PrimaryEmulatorTokens.class)
class SyncCommandsIntegrationTest {

  private static final Emulator EMULATOR = Emulator.shared();
  private static final AtomicLong COMPANIES = new AtomicLong(9_100);
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @Autowired private DataSource dataSource;
  @Autowired private JdbcClient jdbc;
  @Autowired private OrgLeadership leadership;
  @Autowired private OrgClients clients;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;

  @BeforeEach
  void mappingSchema() {
    MappingTables.migrate(dataSource);
  }

  @Test
  void theLeaderResyncsPollsAndReconcilesOnCommand() throws Exception {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Commands");
    Tenant tenant = org.tenant(company);
    SalesforceRestClient rest = connect(company, org);
    SalesforceId first = rest.create("Account", Map.of("Name", "First"));
    SalesforceId second = rest.create("Account", Map.of("Name", "Second"));
    lead(tenant);

    issue(tenant, new SyncCommand.ResyncRecord(SalesforceEntity.ACCOUNT, first), "trace-resync");
    issue(tenant, new SyncCommand.RedriveDeadLetters("caskr.order.changed.v1.dlq", 1), "trace-x");
    issue(tenant, new SyncCommand.SyncNow(SalesforceEntity.ACCOUNT, SyncMode.FULL), "trace-sync");
    issue(
        tenant,
        new SyncCommand.Reconcile(SalesforceEntity.ACCOUNT, ReconcileReason.REPLAY_ID_INVALID),
        "trace-reconcile");

    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "select reason || ':' || status from ingest.reconciliation_runs"
                                    + " where company_id = ?")
                            .param(company)
                            .query(String.class)
                            .list())
                    .containsExactly("REPLAY_ID_INVALID:SUCCEEDED"));
    List<SalesforceRecordChanged> changes =
        ChangeLog.ofCompany(company).stream().map(ChangeLog.Entry::change).toList();
    assertThat(changes)
        .filteredOn(change -> change.traceId().equals("trace-resync"))
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.recordId()).isEqualTo(first);
              assertThat(change.source()).isEqualTo(ChangeSource.MANUAL);
            });
    assertThat(changes)
        .filteredOn(change -> change.traceId().equals("trace-sync"))
        .extracting(SalesforceRecordChanged::recordId)
        .containsExactlyInAnyOrder(first, second);
    assertThat(pendingCommands(company)).isZero();
  }

  @Test
  void aCommandWaitsForTheOrgsLeader() throws Exception {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Commands without a leader");
    Tenant tenant = org.tenant(company);
    SalesforceId account = connect(company, org).create("Account", Map.of("Name", "Waiting"));

    issue(tenant, new SyncCommand.ResyncRecord(SalesforceEntity.ACCOUNT, account), "trace-wait");

    await().atMost(WITHIN).until(() -> pendingCommands(company) == 1);
    assertThat(ChangeLog.ofCompany(company)).isEmpty();

    lead(tenant);

    await().atMost(WITHIN).until(() -> pendingCommands(company) == 0);
    assertThat(ChangeLog.ofCompany(company))
        .extracting(entry -> entry.change().recordId())
        .containsExactly(account);
  }

  private void issue(Tenant tenant, SyncCommand command, String traceId) throws Exception {
    var issued =
        new SyncCommandIssued(
            UUID.randomUUID(),
            SyncCommandIssued.SCHEMA_VERSION,
            tenant,
            command,
            "operator@copperstill.example",
            Instant.now(),
            traceId);
    kafka.send("sync.command.v1", issued.kafkaKey(), issued).get(30, TimeUnit.SECONDS);
  }

  private int pendingCommands(long company) {
    return jdbc.sql("select count(*) from ingest.sync_commands where company_id = ?")
        .param(company)
        .query(Integer.class)
        .single();
  }

  private SalesforceRestClient connect(long company, OrgAccess org) {
    PrimaryEmulatorTokens.TOKENS.connect(company, org);
    return clients.forOrg(org.tenant(company)).rest();
  }

  private void lead(Tenant tenant) {
    leadership.compete(tenant);
    await().atMost(WITHIN).until(() -> leadership.leads(tenant));
  }
}
