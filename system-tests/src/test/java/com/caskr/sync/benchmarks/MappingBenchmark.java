package com.caskr.sync.benchmarks;

import com.caskr.sync.mapping.MappingServiceApplication;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.ListenersAssigned;
import com.caskr.sync.testing.ProcessCpu;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import com.caskr.sync.testing.ThreadGroupCpu;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * mapping-service (issue #6) in-process on the shared Kafka broker and PostgreSQL: sustained
 * Account updates per second into PostgreSQL with conflict detection on (every pair has a snapshot,
 * so every update goes through the three-way check), the same rows as a raw JDBC batch upsert in
 * the same run (and their ratio, per run and as the median), and the p99 from sending a change to
 * its Caskr commit at a steady rate. The goals are issue #6's: 10,000 events/s, at least 50 % of
 * the raw rate, p99 at most 250 ms at 1,000 events/s (judged in full mode only).
 *
 * <p>Sustained means after the JIT has compiled the hot paths: one JVM holds the service, the
 * broker and the producer, and on two cores its C1/C2 threads take a third of the JVM's CPU through
 * the first few passes. Full mode therefore warms up with ten passes (each warm-up's line, with its
 * JIT and GC share, is printed) before the five it measures.
 */
public final class MappingBenchmark {

  /**
   * @param accounts records per throughput run (each run updates every one of them once)
   * @param rate events per second of the latency run
   * @param latencySeconds how long the latency run sends
   */
  record Settings(String mode, int accounts, int warmups, int runs, int rate, int latencySeconds) {

    /**
     * The mode's sizes; {@code -Dbenchmark.warmups} changes the number of warm-up runs, {@code
     * -Dbenchmark.latency.rate} and {@code -Dbenchmark.latency.seconds} the latency run's (e.g.
     * medium at full mode's 1,000/s).
     */
    static Settings of(String mode) {
      Settings sizes = sizes(mode);
      return new Settings(
          sizes.mode(),
          sizes.accounts(),
          Integer.getInteger("benchmark.warmups", sizes.warmups()),
          sizes.runs(),
          Integer.getInteger("benchmark.latency.rate", sizes.rate()),
          Integer.getInteger("benchmark.latency.seconds", sizes.latencySeconds()));
    }

    private static Settings sizes(String mode) {
      return switch (mode) {
        case "full" -> new Settings("full", 20_000, 10, 5, 1_000, 30);
        case "medium" -> new Settings("medium", 2_000, 1, 2, 500, 5);
        case "smoke" -> new Settings("smoke", 200, 1, 2, 100, 2);
        default ->
            throw new IllegalArgumentException("benchmark.mode is full, medium or smoke: " + mode);
      };
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("accounts", accounts);
      map.put("warmups", warmups);
      map.put("runs", runs);
      map.put("rate", rate);
      map.put("latencySeconds", latencySeconds);
      return map;
    }
  }

  private MappingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(System.getProperty("benchmark.mode", "full"));
    run(settings, Path.of(System.getProperty("benchmark.output", "target/benchmarks")), System.out);
  }

  static List<Measurement> run(Settings settings, Path output, PrintStream out) throws Exception {
    TestDatabase database = TestInfrastructure.freshDatabase("mapping_benchmark");
    MappingBenchmarkLatency probe = new MappingBenchmarkLatency();
    probe.watchJvm();
    try (ConfigurableApplicationContext service = start(database, probe);
        KafkaProducer<String, SyncEvent> producer = producer();
        MappingBenchmarkProfile profile =
            MappingBenchmarkProfile.of(service.getBean(JdbcClient.class))) {
      JdbcClient jdbc = service.getBean(JdbcClient.class);
      DataSource dataSource = service.getBean(DataSource.class);
      Tenant tenant = company(jdbc);
      Tenant raw = company(jdbc);
      List<SalesforceId> accounts = new ArrayList<>();
      for (int i = 0; i < settings.accounts(); i++) {
        accounts.add(newId("001"));
      }

      // The first pass creates the pairs (and warms up); every later pass updates all of them.
      long processed = accounts.size();
      awaitProcessed(jdbc, tenant, processed, send(producer, tenant, accounts, 0));
      requireSnapshots(jdbc, tenant, accounts.size());
      profile.start(dataSource, out);
      List<Double> eventsPerSecond = new ArrayList<>();
      List<Double> rowsPerSecond = new ArrayList<>();
      List<String> cpuPerChange = new ArrayList<>();
      ThreadGroupCpu serviceThreads = new ThreadGroupCpu();
      long serviceJvmNanos = 0;
      long backend = jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
      for (int run = 1; run <= settings.warmups() + settings.runs(); run++) {
        long started = System.nanoTime();
        boolean measured = run > settings.warmups();
        ProcessCpu serviceCpu = ProcessCpu.start(backend);
        ThreadGroupCpu runThreads = new ThreadGroupCpu();
        if (measured) {
          serviceThreads.resume();
        }
        processed += accounts.size();
        awaitProcessed(jdbc, tenant, processed, send(producer, tenant, accounts, run));
        serviceCpu.stop();
        runThreads.stop();
        if (measured) {
          serviceThreads.stop();
        }
        double serviceRate = accounts.size() / ((System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        ProcessCpu rawCpu = ProcessCpu.start(backend);
        rawUpsert(dataSource, raw, accounts, run);
        rawCpu.stop();
        double rawRate = accounts.size() / ((System.nanoTime() - started) / 1e9);
        if (measured) {
          eventsPerSecond.add(serviceRate);
          rowsPerSecond.add(rawRate);
          serviceJvmNanos += serviceCpu.jvmNanos();
        }
        cpuPerChange.add(
            String.format(
                Locale.ROOT,
                "  %s: service %.0f events/s, this JVM %.1f (JIT %.1f, GC %.1f) + PostgreSQL %.1f"
                    + " µs per change; raw %.0f rows/s, this JVM %.1f + PostgreSQL %.1f µs per row",
                measured ? "run " + (run - settings.warmups()) : "warm-up " + run,
                serviceRate,
                serviceCpu.jvmNanos() / 1e3 / accounts.size(),
                runThreads.used().getOrDefault(ThreadGroupCpu.JIT, 0L) / 1e3 / accounts.size(),
                runThreads.used().getOrDefault(ThreadGroupCpu.GC, 0L) / 1e3 / accounts.size(),
                serviceCpu.postgresNanos() / 1e3 / accounts.size(),
                rawRate,
                rawCpu.jvmNanos() / 1e3 / accounts.size(),
                rawCpu.postgresNanos() / 1e3 / accounts.size()));
      }
      profile.print((long) accounts.size() * (settings.warmups() + settings.runs()), out);
      List<Double> fraction = new ArrayList<>();
      for (int i = 0; i < eventsPerSecond.size(); i++) {
        fraction.add(100 * eventsPerSecond.get(i) / rowsPerSecond.get(i));
      }

      // The throughput runs leave the relay a burst of synced events to publish: drained first, so
      // the steady run does not measure the leftovers of the runs before it.
      long backlog = outboxBacklog(jdbc);
      long drainStarted = System.nanoTime();
      awaitOutboxDrained(jdbc);
      double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
      DistributionSummary batchSizes =
          service.getBean(MeterRegistry.class).get("crm_sync_batch_size").summary();
      long batchesBefore = batchSizes.count();
      double eventsBefore = batchSizes.totalAmount();
      Map<UUID, Instant> sentAt = new ConcurrentHashMap<>();
      out.println("latency run started at " + Instant.now());
      probe.start();
      long latencyEvents =
          paced(
              producer,
              tenant,
              accounts,
              settings.rate(),
              settings.latencySeconds(),
              sentAt,
              probe);
      awaitProcessed(jdbc, tenant, processed + latencyEvents);
      probe.stop();
      List<Latency> latencies = latencies(jdbc, tenant, sentAt);
      long batches = batchSizes.count() - batchesBefore;
      double batchedEvents = batchSizes.totalAmount() - eventsBefore;
      double p99 = percentile(latencies, 0.99);

      List<Measurement> measurements =
          List.of(
              new Measurement(
                  "Account updates via Kafka (conflicts on)",
                  "events/s",
                  10_000,
                  true,
                  eventsPerSecond),
              new Measurement(
                  "Raw JDBC batch upsert, same rows", "rows/s", 1_000, true, rowsPerSecond),
              new Measurement("Service / raw JDBC", "%", 50, true, fraction),
              new Measurement(
                  "Change -> Caskr row p99 at " + settings.rate() + "/s",
                  "ms",
                  250,
                  false,
                  List.of(p99)));
      BenchmarkReport.print(
          "mapping-service benchmark (" + settings.mode() + ")",
          measurements,
          settings.mode().equals("full"),
          out);
      out.println(
          "CPU per change of the throughput runs (this JVM holds the service, the broker and the"
              + " producer; PostgreSQL is its processes' CPU from /proc, in 10 ms ticks):");
      cpuPerChange.forEach(out::println);
      long measuredChanges = (long) accounts.size() * settings.runs();
      long listed = serviceThreads.used().values().stream().mapToLong(Long::longValue).sum();
      out.println(
          "  this JVM's threads in the service runs, µs per change:"
              + serviceThreads.busiestPer(15, measuredChanges)
              + ThreadGroupCpu.linePer(
                  "this JVM's other threads (not listed)",
                  serviceJvmNanos - listed,
                  measuredChanges));
      printDistribution(latencies, settings.rate(), backlog, out);
      out.printf(
          Locale.ROOT,
          "the relay published those in %.1f s before the run started%n",
          drainSeconds);
      out.printf(
          Locale.ROOT,
          "latency run: %d batches, %.1f events per batch on average%n",
          batches,
          batchedEvents / Math.max(1, batches));
      probe.print(jdbc, tenant, sentAt, out);
      out.println(
          "  consumers: "
              + Stream.of(
                      "spring.kafka.listener.concurrency",
                      "spring.kafka.consumer.max-poll-records",
                      "mapping.intake.fetch-min-size",
                      "mapping.intake.fetch-max-wait")
                  .map(
                      key ->
                          key
                              + "="
                              + service
                                  .getEnvironment()
                                  .getProperty(key, "(the service's default)"))
                  .collect(Collectors.joining(", ")));
      BenchmarkReport.write(output, "mapping-" + settings.mode(), settings.asMap(), measurements);
      return measurements;
    }
  }

  private static ConfigurableApplicationContext start(
      TestDatabase database, MappingBenchmarkLatency probe) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.config.location", OwnConfiguration.of(MappingServiceApplication.class));
    settings.put("server.port", "0");
    settings.put("spring.datasource.url", database.jdbcUrl());
    settings.put("spring.datasource.username", database.username());
    settings.put("spring.datasource.password", database.password());
    settings.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
    settings.put("spring.kafka.consumer.group-id", "mapping-benchmark-" + UUID.randomUUID());
    // Not the events other tests left on the shared broker: only the run's own.
    settings.put("spring.kafka.consumer.auto-offset-reset", "latest");
    // The service's own settings unless system properties set others for an A/B:
    // -Dspring.kafka.listener.concurrency, -Dmapping.intake.fetch-min-size / fetch-max-wait.
    settings.put("logging.level.root", "WARN");
    // Rebalances and partition assignments, with their times: lined up with the latency run's
    // per-second p99 when looking for pauses.
    settings.put(
        "logging.level.org.apache.kafka.clients.consumer.internals.AbstractCoordinator", "INFO");
    settings.put(
        "logging.level.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", "INFO");
    ConfigurableApplicationContext service =
        new SpringApplicationBuilder(MappingServiceApplication.class)
            // The listener containers pick the probe up as their batch interceptor.
            .initializers(
                context -> context.getBeanFactory().registerSingleton("latencyProbe", probe))
            .run(
                settings.entrySet().stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                    .toArray(String[]::new));
    ListenersAssigned.await(service);
    return service;
  }

  private static Tenant company(JdbcClient jdbc) {
    long id = 800_000 + ThreadLocalRandom.current().nextInt(100_000);
    jdbc.sql("INSERT INTO caskr.company (id, name) OVERRIDING SYSTEM VALUE VALUES (?, 'Bench')")
        .param(id)
        .update();
    Tenant tenant = new Tenant(id, newId("00D"));
    // What mapping-service's tenancy consumer writes on auth-service's connect event.
    jdbc.sql("INSERT INTO mapping.crm_company_orgs (company_id, org_id) VALUES (?, ?)")
        .params(id, tenant.orgId().value())
        .update();
    return tenant;
  }

  /**
   * Sends one change of every account and returns the event id sent last to each partition: once
   * those are in the ledger, so is everything before them (a partition is applied in order).
   */
  private static List<String> send(
      KafkaProducer<String, SyncEvent> producer,
      Tenant tenant,
      List<SalesforceId> accounts,
      int pass)
      throws InterruptedException, ExecutionException {
    Instant version = Instant.now();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (SalesforceId account : accounts) {
      SalesforceRecordChanged event = change(tenant, account, pass, version);
      ids.add(event.eventId());
      sends.add(producer.send(record(event)));
    }
    producer.flush();
    Map<Integer, RecordMetadata> last = new HashMap<>();
    Map<Integer, String> lastIds = new HashMap<>();
    for (int i = 0; i < sends.size(); i++) {
      RecordMetadata sent = sends.get(i).get();
      RecordMetadata before = last.get(sent.partition());
      if (before == null || sent.offset() > before.offset()) {
        last.put(sent.partition(), sent);
        lastIds.put(sent.partition(), ids.get(i).toString());
      }
    }
    return List.copyOf(lastIds.values());
  }

  /** Sends {@code rate} events a second for {@code seconds}, round-robin over the accounts. */
  private static long paced(
      KafkaProducer<String, SyncEvent> producer,
      Tenant tenant,
      List<SalesforceId> accounts,
      int rate,
      int seconds,
      Map<UUID, Instant> sentAt,
      MappingBenchmarkLatency probe)
      throws InterruptedException {
    int ticksPerSecond = 100;
    int perTick = Math.max(1, rate / ticksPerSecond);
    int total = perTick * ticksPerSecond * seconds;
    AtomicInteger sent = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    try {
      ticker.scheduleAtFixedRate(
          () -> {
            for (int i = 0; i < perTick && sent.get() < total; i++) {
              int n = sent.getAndIncrement();
              Instant now = Instant.now();
              SalesforceRecordChanged event =
                  change(tenant, accounts.get(n % accounts.size()), 1_000 + n, now);
              sentAt.put(event.eventId(), now);
              producer.send(
                  record(event),
                  (metadata, exception) -> {
                    if (exception == null) {
                      probe.acked(event.eventId());
                    }
                  });
            }
            if (sent.get() >= total) {
              done.countDown();
            }
          },
          0,
          1_000_000 / ticksPerSecond,
          TimeUnit.MICROSECONDS);
      done.await(seconds + 60L, TimeUnit.SECONDS);
    } finally {
      ticker.shutdownNow();
    }
    producer.flush();
    return sent.get();
  }

  /**
   * One paced change: when it was sent and how long it took to its sync-log row.
   *
   * @param sentMillis milliseconds since the first paced send
   * @param millis from sending to the sync-log row's {@code completed_at}
   * @param waitMillis from sending to the moment the service started applying it ({@code
   *     started_at}: Kafka, the poll, the batch's changes before it)
   */
  private record Latency(double sentMillis, double millis, double waitMillis) {}

  private static List<Latency> latencies(
      JdbcClient jdbc, Tenant tenant, Map<UUID, Instant> sentAt) {
    Instant first = sentAt.values().stream().min(Instant::compareTo).orElseThrow();
    List<Latency> latencies = new ArrayList<>();
    jdbc.sql(
            "SELECT event_id, started_at, completed_at FROM mapping.crm_sync_logs"
                + " WHERE company_id = ? AND event_id IS NOT NULL")
        .param(tenant.companyId())
        .query(
            rs -> {
              Instant sent = sentAt.get(rs.getObject("event_id", UUID.class));
              if (sent != null) {
                Instant committed = rs.getTimestamp("completed_at").toInstant();
                Instant started = rs.getTimestamp("started_at").toInstant();
                latencies.add(
                    new Latency(
                        Duration.between(first, sent).toNanos() / 1e6,
                        Duration.between(sent, committed).toNanos() / 1e6,
                        Duration.between(sent, started).toNanos() / 1e6));
              }
            });
    if (latencies.isEmpty()) {
      throw new IllegalStateException("No paced event reached the sync log");
    }
    return latencies;
  }

  private static double percentile(List<Latency> latencies, double fraction) {
    return percentile(latencies, fraction, Latency::millis);
  }

  private static double percentile(
      List<Latency> latencies, double fraction, ToDoubleFunction<Latency> part) {
    List<Double> sorted = latencies.stream().map(part::applyAsDouble).sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * fraction) - 1));
  }

  /**
   * The latency distribution of the paced run, overall and per second of sending, and the outbox
   * rows the throughput runs left unpublished when it started: where a high p99 comes from.
   */
  private static void printDistribution(
      List<Latency> latencies, int rate, long backlog, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "latency at %d/s: %d events, p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms;"
            + " outbox rows the throughput runs left %d; until applying started: p50 %.0f ms, p99 %.0f"
            + " ms%n",
        rate,
        latencies.size(),
        percentile(latencies, 0.5),
        percentile(latencies, 0.9),
        percentile(latencies, 0.99),
        percentile(latencies, 1.0),
        backlog,
        percentile(latencies, 0.5, Latency::waitMillis),
        percentile(latencies, 0.99, Latency::waitMillis));
    Map<Integer, List<Latency>> perSecond = new TreeMap<>();
    latencies.forEach(
        latency ->
            perSecond
                .computeIfAbsent((int) (latency.sentMillis() / 1000), s -> new ArrayList<>())
                .add(latency));
    perSecond.forEach(
        (second, sent) ->
            out.printf(
                Locale.ROOT,
                "  second %3d: %5d events, p50 %6.0f ms, p99 %6.0f ms, max %6.0f ms%n",
                second,
                sent.size(),
                percentile(sent, 0.5),
                percentile(sent, 0.99),
                percentile(sent, 1.0)));
  }

  private static void awaitOutboxDrained(JdbcClient jdbc) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (outboxBacklog(jdbc) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The outbox relay did not drain the throughput runs");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private static long outboxBacklog(JdbcClient jdbc) {
    return jdbc.sql("SELECT count(*) FROM mapping.outbox_events").query(Long.class).single();
  }

  /**
   * Every pair has a snapshot of the synced fields, so each update runs the three-way conflict
   * check against it (not the first-sync path).
   */
  private static void requireSnapshots(JdbcClient jdbc, Tenant tenant, int accounts) {
    long withSnapshot =
        jdbc.sql(
                "SELECT count(*) FROM mapping.crm_entity_mappings WHERE company_id = ?"
                    + " AND jsonb_exists(last_synced_fields, 'phone')"
                    + " AND jsonb_exists(last_synced_fields, 'name')")
            .param(tenant.companyId())
            .query(Long.class)
            .single();
    if (withSnapshot != accounts) {
      throw new IllegalStateException(
          withSnapshot + " of " + accounts + " pairs have a snapshot to detect conflicts against");
    }
  }

  /**
   * The rows the service writes for the same accounts (name, phone, customer type, country, link,
   * last sync), as a raw JDBC batch upsert into another company: the floor to compare with.
   */
  private static void rawUpsert(
      DataSource dataSource, Tenant tenant, List<SalesforceId> accounts, int pass)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement upsert =
          connection.prepareStatement(
              "INSERT INTO caskr.customers (company_id, name, phone, customer_type,"
                  + " billing_country, salesforce_account_id, salesforce_last_sync_at)"
                  + " VALUES (?, ?, ?, 'Off-Premise', 'USA', ?, now())"
                  + " ON CONFLICT (company_id, salesforce_account_id)"
                  + " WHERE salesforce_account_id IS NOT NULL DO UPDATE SET name = excluded.name,"
                  + " phone = excluded.phone, customer_type = excluded.customer_type,"
                  + " billing_country = excluded.billing_country,"
                  + " salesforce_last_sync_at = excluded.salesforce_last_sync_at")) {
        int batched = 0;
        for (SalesforceId account : accounts) {
          upsert.setLong(1, tenant.companyId());
          upsert.setString(2, "Account " + account.value());
          upsert.setString(3, "+1 555 " + pass);
          upsert.setString(4, account.value());
          upsert.addBatch();
          if (++batched % 500 == 0) {
            upsert.executeBatch();
            connection.commit();
          }
        }
        upsert.executeBatch();
        connection.commit();
      }
    }
  }

  /**
   * Waits until the ledger holds the last event sent to each partition (a primary-key lookup per
   * partition: counting the company's ledger rows every 20 ms scanned the whole table and, in full
   * mode, cost PostgreSQL more than the service's prefetch), then checks the exact count.
   */
  private static void awaitProcessed(
      JdbcClient jdbc, Tenant tenant, long expected, List<String> lastPerPartition) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      long done =
          jdbc.sql("SELECT count(*) FROM mapping.processed_events WHERE event_id = ANY(?::uuid[])")
              .param(lastPerPartition.toArray(String[]::new))
              .query(Long.class)
              .single();
      if (done == lastPerPartition.size()) {
        awaitProcessed(jdbc, tenant, expected);
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new IllegalStateException("mapping-service did not process " + expected + " events");
  }

  private static void awaitProcessed(JdbcClient jdbc, Tenant tenant, long expected) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      long done =
          jdbc.sql("SELECT count(*) FROM mapping.processed_events WHERE company_id = ?")
              .param(tenant.companyId())
              .query(Long.class)
              .single();
      if (done >= expected) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new IllegalStateException("mapping-service did not process " + expected + " events");
  }

  private static SalesforceRecordChanged change(
      Tenant tenant, SalesforceId account, int pass, Instant version) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("Name", "Account " + account.value());
    fields.put("Phone", "+1 555 " + pass);
    fields.put("Industry", "Retail");
    return new SalesforceRecordChanged(
        UUID.randomUUID(),
        SalesforceRecordChanged.SCHEMA_VERSION,
        tenant,
        SalesforceEntity.ACCOUNT,
        account,
        ChangeType.UPSERT,
        ChangeSource.PUBSUB_CDC,
        version.plusNanos(pass * 1_000L),
        List.of("Phone"),
        fields,
        null,
        null,
        false,
        version,
        Instant.now(),
        "bench-" + pass);
  }

  private static ProducerRecord<String, SyncEvent> record(SalesforceRecordChanged event) {
    return new ProducerRecord<>(
        TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name(), event.kafkaKey(), event);
  }

  private static KafkaProducer<String, SyncEvent> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5),
        new StringSerializer(),
        new EventSerializer());
  }

  private static SalesforceId newId(String prefix) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(prefix);
    while (id.length() < 15) {
      id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return SalesforceId.of(id.toString());
  }
}
