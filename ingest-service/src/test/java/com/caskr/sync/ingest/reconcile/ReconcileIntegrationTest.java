package com.caskr.sync.ingest.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.orgwork.OrgReconciliations;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.MappingTables;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.ingest.testing.PrimaryEmulatorTokens;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk API 2.0 reconciliation against the emulator's real query jobs, mapping-service's real
 * crm_entity_mappings, and the shared broker.
 */
@SpringBootTest(
    properties = {"ingest.polling.enabled=false", "ingest.leadership.check-interval=200ms"})
@UsesTestInfrastructure
@Import(PrimaryEmulatorTokens.class)
class ReconcileIntegrationTest {

  private static final Emulator EMULATOR = Emulator.shared();
  private static final AtomicLong COMPANIES = new AtomicLong(8_100);

  @Autowired private DataSource dataSource;
  @Autowired private JdbcClient jdbc;
  @Autowired private OrgLeadership leadership;
  @Autowired private OrgClients clients;
  @Autowired private OrgReconciliations reconciliations;
  @Autowired private MeterRegistry meters;

  @BeforeEach
  void mappingSchema() {
    MappingTables.migrate(dataSource);
  }

  @Test
  void publishesMissingStaleAndDeletedRecordsAndReportsTheDrift() {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg("Reconcile");
    Tenant tenant = org.tenant(company);
    PrimaryEmulatorTokens.TOKENS.connect(company, org);
    SalesforceRestClient rest = clients.forOrg(tenant).rest();
    SalesforceId inSync = rest.create("Account", Map.of("Name", "In sync"));
    SalesforceId stale = rest.create("Account", Map.of("Name", "Stale"));
    SalesforceId missing = rest.create("Account", Map.of("Name", "Missing"));
    SalesforceId hardDeleted = rest.create("Account", Map.of("Name", "Hard-deleted"));
    SalesforceId recycled = rest.create("Account", Map.of("Name", "In the recycle bin"));
    String orgId = tenant.orgId().value();
    MappingTables.mapped(
        dataSource, company, orgId, "Account", inSync.value(), 1, modstamp(rest, inSync));
    MappingTables.mapped(
        dataSource,
        company,
        orgId,
        "Account",
        stale.value(),
        2,
        modstamp(rest, stale).minus(Duration.ofHours(1)));
    MappingTables.mapped(
        dataSource, company, orgId, "Account", hardDeleted.value(), 3, modstamp(rest, hardDeleted));
    MappingTables.mapped(
        dataSource, company, orgId, "Account", recycled.value(), 4, modstamp(rest, recycled));
    // Another company's pair must not read as a record gone from this org.
    MappingTables.mapped(
        dataSource,
        company + 1_000,
        orgId,
        "Account",
        SalesforceId.of("001000000000999").value(),
        5,
        Instant.now());
    EMULATOR.admin(org.org(), "faults/hard-delete", "{\"ids\":[\"" + hardDeleted.value() + "\"]}");
    rest.delete("Account", recycled);
    leadership.compete(tenant);
    await().atMost(Duration.ofSeconds(30)).until(() -> leadership.leads(tenant));

    reconciliations.reconcileNow(
        tenant, SalesforceEntity.ACCOUNT, ReconcileReason.MANUAL, "trace-reconcile");

    List<SalesforceRecordChanged> published =
        ChangeLog.ofCompany(company).stream()
            .map(ChangeLog.Entry::change)
            .filter(change -> change.source() == ChangeSource.RECONCILE)
            .toList();
    assertThat(published)
        .extracting(SalesforceRecordChanged::recordId, SalesforceRecordChanged::changeType)
        .containsExactlyInAnyOrder(
            tuple(stale, ChangeType.UPSERT),
            tuple(missing, ChangeType.UPSERT),
            tuple(hardDeleted, ChangeType.DELETE),
            tuple(recycled, ChangeType.DELETE));
    assertThat(published)
        .filteredOn(change -> change.recordId().equals(missing))
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.fields()).containsEntry("Name", "Missing");
              String owner = (String) change.fields().get("OwnerId");
              assertThat(change.fields())
                  .containsEntry(
                      "Owner",
                      Map.of(
                          "Id", owner, "Email", org.org().row(owner).orElseThrow().get("Email")));
            });
    assertThat(ChangeLog.read(change -> change.tenant().companyId() == company + 1_000)).isEmpty();

    Map<String, Object> run =
        jdbc.sql(
                "select status, reason, salesforce_count, mapped_count, missing_count, stale_count,"
                    + " deleted_count, published_count, drift_ratio, bulk_job_id"
                    + " from ingest.reconciliation_runs where company_id = ?")
            .param(company)
            .query()
            .singleRow();
    assertThat(run)
        .containsEntry("status", "SUCCEEDED")
        .containsEntry("reason", "MANUAL")
        .containsEntry("salesforce_count", 3)
        .containsEntry("mapped_count", 4)
        .containsEntry("missing_count", 1)
        .containsEntry("stale_count", 1)
        .containsEntry("deleted_count", 2)
        .containsEntry("published_count", 4);
    assertThat(((Number) run.get("drift_ratio")).doubleValue()).isCloseTo(4 / 3.0, within(1e-5));
    assertThat((String) run.get("bulk_job_id")).startsWith("750");
    assertThat(
            jdbc.sql(
                    "select drift_ratio from mapping.crm_sync_logs where company_id = ?"
                        + " and operation = 'RECONCILE' and source = 'RECONCILE'"
                        + " and status = 'SUCCESS'")
                .param(company)
                .query(Double.class)
                .single())
        .isCloseTo(4 / 3.0, within(1e-5));
    assertThat(
            meters
                .get("crm_reconcile_drift_ratio")
                .tag("entity", "Account")
                .tag("org", orgId)
                .gauge()
                .value())
        .isCloseTo(4 / 3.0, within(1e-9));
  }

  private static Instant modstamp(SalesforceRestClient rest, SalesforceId id) {
    return Soql.parseDateTime(
        (String) rest.get("Account", id, List.of("SystemModstamp")).get("SystemModstamp"));
  }
}
