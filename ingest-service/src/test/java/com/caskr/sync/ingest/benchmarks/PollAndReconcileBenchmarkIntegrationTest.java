package com.caskr.sync.ingest.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.orgwork.OrgPolls;
import com.caskr.sync.ingest.orgwork.OrgReconciliations;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.MappingTables;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.ingest.testing.PrimaryEmulatorTokens;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ReconcileReason;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SyncMode;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 5's polling and reconciliation goals, end to end through the service's own beans: the
 * emulator over HTTP (REST paging, Bulk 2.0 jobs), the shared Kafka broker (every envelope
 * acknowledged) and PostgreSQL (cursors, runs, sync log, record pairs).
 *
 * <ul>
 *   <li>poll: an incremental poll that finds 1,000 changed accounts (goal &lt; 2 s): each run is a
 *       fresh org and company, so nothing is deduped away;
 *   <li>reconcile: a sweep of 100,000 accounts against 100,000 record pairs, 1 % of them missing
 *       (goal &lt; 30 s).
 * </ul>
 *
 * <p>Smoke mode (default, every build) runs small volumes once and asserts only that it works. Full
 * mode, on demand ({@code -Dbenchmark.mode=full}), discards one warm-up run, reports median, min
 * and max of the measured runs on stdout and in {@code target/benchmarks/ingest-<mode>.json}.
 */
@SpringBootTest(
    properties = {
      "ingest.polling.enabled=false",
      "ingest.reconcile.enabled=false",
      "ingest.leadership.check-interval=200ms"
    })
@UsesTestInfrastructure
@Import(PrimaryEmulatorTokens.class)
class PollAndReconcileBenchmarkIntegrationTest {

  private static final Emulator EMULATOR = Emulator.shared();
  private static final AtomicLong COMPANIES = new AtomicLong(10_100);
  private static final boolean FULL = "full".equals(System.getProperty("benchmark.mode"));

  @Autowired private DataSource dataSource;
  @Autowired private OrgLeadership leadership;
  @Autowired private OrgPolls polls;
  @Autowired private OrgReconciliations reconciliations;

  @Test
  void pollsAndReconcilesAtTheGoalVolumes() {
    MappingTables.migrate(dataSource);
    int changed = FULL ? 1_000 : 100;
    int swept = FULL ? 100_000 : 2_000;
    int runs = FULL ? 5 : 1;

    Result poll = measure("poll " + changed + " changed accounts", runs, () -> pollOnce(changed));
    Tenant sweepTenant = seededWithPairs(swept);
    Result reconcile =
        measure(
            "reconcile " + swept + " accounts",
            FULL ? 3 : 1,
            () -> {
              long started = System.nanoTime();
              reconciliations.reconcileNow(
                  sweepTenant, SalesforceEntity.ACCOUNT, ReconcileReason.MANUAL, "benchmark");
              return Duration.ofNanos(System.nanoTime() - started).toMillis();
            });

    report(List.of(poll, reconcile));
    assertThat(poll.median()).isPositive();
    assertThat(reconcile.median()).isPositive();
  }

  /** Milliseconds of the poll alone (the org is seeded and led before the clock starts). */
  private long pollOnce(int accounts) {
    Tenant tenant = ledOrgWith(accounts, "Poll benchmark");
    long started = System.nanoTime();
    polls.pollNow(tenant, SalesforceEntity.ACCOUNT, SyncMode.INCREMENTAL, null, "benchmark");
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  private Tenant ledOrgWith(int accounts, String name) {
    long company = COMPANIES.incrementAndGet();
    OrgAccess org = EMULATOR.newOrg(name);
    RecordGenerator.generate(org.org(), RecordGenerator.Volume.accounts(accounts), company);
    PrimaryEmulatorTokens.TOKENS.connect(company, org);
    Tenant tenant = org.tenant(company);
    leadership.compete(tenant);
    await().atMost(Duration.ofSeconds(60)).until(() -> leadership.leads(tenant));
    return tenant;
  }

  /** An org of {@code accounts} whose pairs Caskr holds, but for 1 % never applied. */
  private Tenant seededWithPairs(int accounts) {
    Tenant tenant = ledOrgWith(accounts, "Reconcile benchmark");
    List<Object[]> rows = new ArrayList<>();
    var emulatorOrg = EMULATOR.bean(Orgs.class).byId(tenant.orgId().value()).orElseThrow();
    long caskrId = 0;
    for (Map<String, Object> account : emulatorOrg.rows("Account", false).toList()) {
      caskrId++;
      if (caskrId % 100 == 0) {
        continue;
      }
      rows.add(
          new Object[] {
            tenant.companyId(),
            tenant.orgId().value(),
            account.get("Id"),
            caskrId,
            Timestamp.from((Instant) account.get("SystemModstamp"))
          });
    }
    new JdbcTemplate(dataSource)
        .batchUpdate(
            "insert into mapping.crm_entity_mappings (company_id, org_id, salesforce_object,"
                + " salesforce_id, caskr_entity, caskr_id, salesforce_modified_at)"
                + " values (?, ?, 'Account', ?, 'customer', ?, ?)",
            rows);
    return tenant;
  }

  /** One discarded warm-up run, then {@code runs} measured ones; {@code run} returns its millis. */
  private static Result measure(String name, int runs, LongSupplier run) {
    run.getAsLong();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      millis.add(run.getAsLong());
    }
    millis.sort(Long::compare);
    return new Result(name, millis.get(millis.size() / 2), millis.getFirst(), millis.getLast());
  }

  private static void report(List<Result> results) {
    var table = new StringBuilder("\ningest benchmarks (" + (FULL ? "full" : "smoke") + ")\n");
    var json = new StringBuilder("[");
    for (Result result : results) {
      table.append(
          String.format(
              Locale.ROOT,
              "  %-36s median %6d ms  min %6d ms  max %6d ms%n",
              result.name(),
              result.median(),
              result.min(),
              result.max()));
      json.append(json.length() > 1 ? "," : "")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"name\":\"%s\",\"medianMs\":%d,\"minMs\":%d,\"maxMs\":%d}",
                  result.name(),
                  result.median(),
                  result.min(),
                  result.max()));
    }
    System.out.println(table);
    try {
      Path dir = Path.of(System.getProperty("benchmark.output", "target/benchmarks"));
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("ingest-" + (FULL ? "full" : "smoke") + ".json"), json.append("]"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(String name, long median, long min, long max) {}
}
