package com.caskr.sync.benchmarks;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.salesforce.oauth.Session;
import com.caskr.sync.salesforce.oauth.TokenSource;
import com.caskr.sync.testing.ListenersAssigned;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import com.caskr.sync.writeback.WritebackServiceApplication;
import com.caskr.sync.writeback.plan.CallFailed;
import com.caskr.sync.writeback.salesforce.Connections;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write-back benchmark (issue #7: 10,000 Caskr edits reach Salesforce in under 20 s with at
 * most 55 API calls). The emulator and writeback-service run in this JVM, the service against the
 * shared Kafka broker and a fresh PostgreSQL database, exactly as deployed except that sessions
 * come straight from the emulator instead of auth-service. Each run seeds a fresh org with linked
 * Accounts, then edits every customer's phone in Caskr (transactions of 1,000 rows) and measures
 * until Salesforce has every edit: the time, and the API calls the org counted.
 */
public final class WritebackBenchmark {

  /**
   * @param edits Caskr rows edited per run (each linked to its own Account)
   */
  record Settings(String mode, int edits, int warmups, int runs) {

    static Settings of(String mode) {
      return switch (mode) {
        case "full" -> new Settings("full", 10_000, 1, 3);
        case "smoke" -> new Settings("smoke", 400, 1, 2);
        default ->
            throw new IllegalArgumentException("benchmark.mode is full or smoke, not " + mode);
      };
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("edits", edits);
      map.put("warmups", warmups);
      map.put("runs", runs);
      return map;
    }
  }

  private static final Path MAPPING_MIGRATIONS =
      Path.of("..", "mapping-service", "src", "main", "resources", "db", "migration", "mapping");
  private static final Map<Long, Connections.Connection> CONNECTIONS = new ConcurrentHashMap<>();
  private static final AtomicLong COMPANIES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private WritebackBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(System.getProperty("benchmark.mode", "full"));
    run(settings, Path.of(System.getProperty("benchmark.output", "target/benchmarks")), System.out);
  }

  /** Runs the benchmark, prints the table and writes {@code writeback-<mode>.json}. */
  static List<Measurement> run(Settings settings, Path output, PrintStream out) throws IOException {
    ConfigurableApplicationContext emulator =
        SalesforceEmulatorApplication.startInProcess("--emulator.admin.token=benchmark-admin");
    TestDatabase database = TestInfrastructure.freshDatabase("writeback_benchmark");
    try (ConfigurableApplicationContext service = startService(database)) {
      JdbcClient jdbc = service.getBean(JdbcClient.class);
      List<Double> seconds = new ArrayList<>();
      List<Double> calls = new ArrayList<>();
      for (int run = 0; run < settings.warmups() + settings.runs(); run++) {
        double[] result = oneRun(emulator, jdbc, settings.edits());
        out.printf(
            "run %d: %.1f s, %.0f calls; %s%n",
            run + 1, result[0], result[1], stages(jdbc, COMPANIES.get()));
        if (run >= settings.warmups()) {
          seconds.add(result[0]);
          calls.add(result[1]);
        }
      }
      List<Measurement> measurements =
          List.of(
              new Measurement(
                  settings.edits() + " Caskr edits reach Salesforce", "s", 20, false, seconds),
              new Measurement("API calls for them", "calls", 55, false, calls));
      BenchmarkReport.print(
          "writeback-service (" + settings.mode() + ")",
          measurements,
          settings.mode().equals("full"),
          out);
      BenchmarkReport.write(output, "writeback-" + settings.mode(), settings.asMap(), measurements);
      return measurements;
    } finally {
      emulator.close();
    }
  }

  private static double[] oneRun(ConfigurableApplicationContext emulator, JdbcClient jdbc, int n) {
    long company = COMPANIES.incrementAndGet();
    String username = "bench-" + company + "@writeback-benchmark.example";
    Org org =
        emulator
            .getBean(Orgs.class)
            .create(
                Orgs.Definition.named(
                    "Benchmark " + company, new NewUser(username, "Bea", "Bench", username)));
    ConnectedApp app =
        emulator.getBean(ConnectedApps.class).create(org.id(), "Caskr Sync", "http://127.0.0.1/cb");
    URI instance =
        URI.create(
            "http://127.0.0.1:"
                + ((WebServerApplicationContext) emulator).getWebServer().getPort());
    CONNECTIONS.put(
        company,
        new Connections.Connection(
            org.id(),
            new EmulatorTokens(emulator.getBean(Tokens.class), app, org.adminUserId(), instance)));

    jdbc.sql("INSERT INTO caskr.company (id, name) OVERRIDING SYSTEM VALUE VALUES (:id, :name)")
        .param("id", company)
        .param("name", "Benchmark distillery " + company)
        .update();
    Caller seeding = Caller.user(org.adminUserId());
    List<String> accounts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      accounts.add(org.create("Account", Map.of("Name", "Bar " + i, "Phone", "555-0100"), seeding));
    }
    jdbc.sql(
            """
            WITH tag AS (SELECT set_config('caskr.sync_origin', 'salesforce-sync', true)),
                 new_customers AS (
                     INSERT INTO caskr.customers (company_id, name, phone, salesforce_account_id)
                     SELECT :company, 'Bar ' || (n - 1), '555-0100', account
                       FROM tag, unnest(CAST(:accounts AS text[])) WITH ORDINALITY AS a(account, n)
                     RETURNING id, salesforce_account_id, name)
            INSERT INTO mapping.crm_entity_mappings
                (company_id, org_id, salesforce_object, salesforce_id, caskr_entity, caskr_id,
                 last_synced_fields, last_synced_at)
            SELECT :company, :org, 'Account', salesforce_account_id, 'customer', id,
                   jsonb_build_object('name', name, 'phone', '555-0100'), now()
              FROM new_customers
            """)
        .param("company", company)
        .param("org", org.id())
        .param("accounts", accounts.toArray(String[]::new))
        .update();

    long callsBefore = org.apiUsage().used();
    long start = System.nanoTime();
    for (int from = 0; from < n; from += 1_000) {
      jdbc.sql(
              """
              UPDATE caskr.customers SET phone = '555-0199'
               WHERE company_id = :company AND id IN (
                   SELECT id FROM caskr.customers WHERE company_id = :company
                    ORDER BY id OFFSET :from LIMIT 1000)
              """)
          .param("company", company)
          .param("from", from)
          .update();
    }
    Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> written(jdbc, company) >= n);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long calls = org.apiUsage().used() - callsBefore;
    for (String account : accounts) {
      if (!"555-0199".equals(org.read("Account", account).get("Phone"))) {
        throw new IllegalStateException("Account " + account + " did not get the edit");
      }
    }
    return new double[] {elapsed, calls};
  }

  /**
   * Where a run's time went, from the database's own timestamps, in seconds after the first edit
   * was captured: the last capture, the last relayed to Kafka, the first and last row written.
   */
  private static String stages(JdbcClient jdbc, long company) {
    return jdbc.sql(
            """
            WITH log AS (SELECT min(captured_at) AS t0, max(captured_at) AS captured,
                                max(sent_at) AS relayed
                           FROM writeback.trigger_log WHERE company_id = :c),
                 pushed AS (SELECT min(completed_at) AS first, max(completed_at) AS last
                              FROM mapping.crm_sync_logs
                             WHERE company_id = :c AND status = 'SUCCESS')
            SELECT format('captured +%s s, relayed +%s s, first written +%s s, last +%s s',
                          round(extract(epoch FROM captured - t0)::numeric, 2),
                          round(extract(epoch FROM relayed - t0)::numeric, 2),
                          round(extract(epoch FROM first - t0)::numeric, 2),
                          round(extract(epoch FROM last - t0)::numeric, 2))
              FROM log, pushed
            """)
        .param("c", company)
        .query(String.class)
        .single();
  }

  private static long written(JdbcClient jdbc, long company) {
    return jdbc.sql(
            "SELECT count(*) FROM mapping.crm_sync_logs WHERE company_id = :c AND status = 'SUCCESS'")
        .param("c", company)
        .query(Long.class)
        .single();
  }

  private static ConfigurableApplicationContext startService(TestDatabase database) {
    ConfigurableApplicationContext service =
        new SpringApplicationBuilder(WritebackServiceApplication.class, BenchmarkWiring.class)
            .run(
                "--spring.config.location="
                    + OwnConfiguration.of(WritebackServiceApplication.class),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=writeback-benchmark-" + System.nanoTime(),
                // Not the events other tests left on the shared broker: only the run's own.
                "--spring.kafka.consumer.auto-offset-reset=latest",
                "--spring.kafka.consumer.max-poll-records=2000",
                "--writeback.capture.poll-interval=20ms",
                "--writeback.capture.batch-size=2000",
                "--writeback.push.claim-limit=10000",
                "--writeback.push.poll-interval=250ms",
                // Longer than one of the run's 1,000-row Caskr transactions takes on a loaded
                // 2-core
                // machine (~0.7 s): a quiet gap between two of them must not end the burst.
                "--writeback.queue.settle=1s",
                "--writeback.queue.max-wait=5s");
    ListenersAssigned.await(service);
    return service;
  }

  /** Emulator sessions instead of auth-service, and the mapping schema from its migrations. */
  @Configuration(proxyBeanMethods = false)
  static class BenchmarkWiring {

    @Bean
    @Primary
    Connections emulatorConnections() {
      return company -> {
        Connections.Connection connection = CONNECTIONS.get(company);
        if (connection == null) {
          throw new CallFailed(CallFailed.Reason.NOT_AUTHORISED, "not connected", null);
        }
        return connection;
      };
    }

    @Bean
    @Primary
    FlywayMigrationStrategy caskrThenMappingThenWriteback() {
      return flyway -> {
        if (!Files.isDirectory(MAPPING_MIGRATIONS)) {
          throw new IllegalStateException(
              "mapping-service's migrations are not at " + MAPPING_MIGRATIONS);
        }
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        CaskrDomainSchema.migrate(dataSource);
        Flyway.configure()
            .dataSource(dataSource)
            .schemas("mapping")
            .defaultSchema("mapping")
            .createSchemas(true)
            .locations("filesystem:" + MAPPING_MIGRATIONS.toAbsolutePath().normalize())
            .load()
            .migrate();
        flyway.migrate();
      };
    }
  }

  private static final class EmulatorTokens implements TokenSource {
    private final Tokens tokens;
    private final ConnectedApp app;
    private final String userId;
    private final URI instance;
    private Session current;

    EmulatorTokens(Tokens tokens, ConnectedApp app, String userId, URI instance) {
      this.tokens = tokens;
      this.app = app;
      this.userId = userId;
      this.instance = instance;
    }

    @Override
    public synchronized Session session() {
      if (current == null) {
        current = new Session(tokens.issue(app, userId, Set.of("api")).token(), instance);
      }
      return current;
    }

    @Override
    public synchronized Session refresh(Session rejected) {
      if (current != null && !current.accessToken().equals(rejected.accessToken())) {
        return current;
      }
      current = new Session(tokens.issue(app, userId, Set.of("api")).token(), instance);
      return current;
    }
  }
}
