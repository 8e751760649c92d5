package com.caskr.sync.ingest.webhook;

import com.caskr.sync.testing.ProcessCpu;
import com.caskr.sync.testing.ThreadGroupCpu;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the paced run's time goes, per webhook (issue 5's tail): the client's instants (scheduled,
 * last byte written, answer read), Tomcat's (the request's first byte read, the context valve
 * entered and left: a test-only valve keyed by the {@value #HEADER} header) and the service's
 * ({@link WebhookRequestEvent}, a JFR event the service commits only while a recording enables it).
 * Over the run: GC pauses and safepoints, CPU per second (JFR), CPU per thread group of this JVM
 * (the service, the broker and the client share it) and of the PostgreSQL processes ({@code
 * /proc}). Every instant is {@link System#nanoTime()} of this one JVM.
 */
final class WebhookBenchmarkLatency {

  /** Carries each benchmark webhook's event id to the valve. */
  static final String HEADER = "X-Benchmark-Event";

  /** test-support's switch that loads {@code pg_stat_statements} into the embedded PostgreSQL. */
  private static final String POSTGRES_PROFILE = "testing.postgres.profile";

  private final Map<String, long[]> tomcat = new ConcurrentHashMap<>();
  private volatile boolean recording;
  private Recording jfr;
  private ThreadGroupCpu cpu = new ThreadGroupCpu();
  private ProcessCpu processes;
  private long gcCountBefore;
  private long gcMillisBefore;
  private long gcCount;
  private long gcMillis;
  private long startedNanos;
  private long stoppedNanos;
  private Instant startedAt;
  private List<String> statements = List.of();
  private JdbcClient jdbc;
  private long[] ledgerBefore;
  private long[] ledger;
  private Map<Long, Long> carriersAllocatedBefore = Map.of();
  private long carriersAllocated;

  /** The test-only Tomcat valve that reports each benchmark webhook's Tomcat instants. */
  ValveBase valve() {
    return new Probe();
  }

  private final class Probe extends ValveBase {

    Probe() {
      super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      String eventId = recording ? request.getHeader(HEADER) : null;
      if (eventId == null) {
        getNext().invoke(request, response);
        return;
      }
      long entered = System.nanoTime();
      try {
        getNext().invoke(request, response);
      } finally {
        tomcat.put(
            eventId,
            new long[] {
              request.getCoyoteRequest().getStartTimeNanos(), entered, System.nanoTime()
            });
      }
    }
  }

  /**
   * Starts a JFR recording of the webhook events, GCs, safepoints and CPU load. Called before the
   * warm-up of the measured run: starting a recording redefines classes at a safepoint.
   */
  void watchJvm() {
    jfr = new Recording();
    jfr.setName("webhook-benchmark");
    jfr.enable(WebhookRequestEvent.NAME).withoutThreshold();
    jfr.enable("jdk.GarbageCollection").withoutThreshold();
    jfr.enable("jdk.SafepointBegin").withoutThreshold();
    jfr.enable("jdk.SafepointEnd").withoutThreshold();
    jfr.enable("jdk.ExecuteVMOperation").withoutThreshold();
    jfr.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
    jfr.start();
  }

  /**
   * The paced run starts now. With {@code -Dtesting.postgres.profile=DIR}, the run's statements by
   * PostgreSQL time are read from {@code pg_stat_statements} of {@code jdbc}'s database.
   */
  void start(JdbcClient jdbc) {
    this.jdbc = jdbc;
    tomcat.clear();
    ledgerBefore = ledgerWrites(jdbc);
    cpu = new ThreadGroupCpu();
    carriersAllocatedBefore = carriersAllocated();
    // Only this server's processes: other benchmarks on the machine may run their own PostgreSQL.
    processes = ProcessCpu.start(jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single());
    gcCountBefore = gcs().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    gcMillisBefore = gcs().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    if (profilingPostgres()) {
      jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
      jdbc.sql("SELECT pg_stat_statements_reset()").query().singleValue();
    }
    startedAt = Instant.now();
    startedNanos = System.nanoTime();
    recording = true;
  }

  /** The paced run is answered. */
  void stop() {
    recording = false;
    stoppedNanos = System.nanoTime();
    cpu.stop();
    carriersAllocated = 0;
    carriersAllocated()
        .forEach(
            (id, bytes) ->
                carriersAllocated += bytes - carriersAllocatedBefore.getOrDefault(id, 0L));
    processes.stop();
    gcCount = gcs().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcCountBefore;
    gcMillis = gcs().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gcMillisBefore;
    jfr.stop();
    long[] after = ledgerWrites(jdbc);
    ledger = new long[after.length];
    for (int i = 0; i < after.length; i++) {
      ledger[i] = after[i] - ledgerBefore[i];
    }
    if (profilingPostgres()) {
      statements =
          jdbc.sql(
                  """
                  SELECT format('%s calls, %s rows, %s ms (mean %s ms): %s', calls, rows,
                                round(total_exec_time::numeric, 1),
                                round(mean_exec_time::numeric, 2),
                                left(regexp_replace(query, '\\s+', ' ', 'g'), 60) || ' … '
                                  || right(regexp_replace(query, '\\s+', ' ', 'g'), 40))
                  FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
                  ORDER BY total_exec_time DESC LIMIT 6
                  """)
              .query(String.class)
              .list();
    }
  }

  private static boolean profilingPostgres() {
    return !System.getProperty(POSTGRES_PROFILE, "").isBlank();
  }

  private static Stream<GarbageCollectorMXBean> gcs() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream();
  }

  /** One webhook of the paced run: every instant it passed (nanoTime). */
  private record Webhook(
      long scheduled,
      long written,
      long tomcatRead,
      long valveIn,
      long servlet,
      long bodyRead,
      long verified,
      long statementStarted,
      long statementEnded,
      int batchSize,
      long claimed,
      long sent,
      long acknowledged,
      long resumed,
      long answerWritten,
      long valveOut,
      long received) {

    long total() {
      return received - scheduled;
    }
  }

  /** A stage of a webhook's way: its name and its length. */
  private record Stage(String name, ToLongFunction<Webhook> length) {}

  private static final List<Stage> STAGES =
      List.of(
          new Stage("scheduled -> written (client)", w -> w.written() - w.scheduled()),
          new Stage("written -> Tomcat reads it", w -> w.tomcatRead() - w.written()),
          new Stage("Tomcat read -> context valve", w -> w.valveIn() - w.tomcatRead()),
          new Stage("valve -> servlet (filters)", w -> w.servlet() - w.valveIn()),
          new Stage("servlet -> body read", w -> w.bodyRead() - w.servlet()),
          new Stage("body -> parsed+verified", w -> w.verified() - w.bodyRead()),
          new Stage("verified -> own claim stmt", w -> w.statementStarted() - w.verified()),
          new Stage("own claim statement", w -> w.statementEnded() - w.statementStarted()),
          new Stage("statement -> claimed", w -> w.claimed() - w.statementEnded()),
          new Stage("claimed -> send returned", w -> w.sent() - w.claimed()),
          new Stage("send -> Kafka ack", w -> w.acknowledged() - w.sent()),
          new Stage("ack -> request resumed", w -> w.resumed() - w.acknowledged()),
          new Stage("resumed -> answer written", w -> w.answerWritten() - w.resumed()),
          new Stage("answer -> valve left", w -> w.valveOut() - w.answerWritten()),
          new Stage("valve left -> client read", w -> w.received() - w.valveOut()),
          new Stage("total", Webhook::total));

  /**
   * Prints the decomposition of the paced run's webhooks ({@code eventIds} by request index, the
   * client's {@code outcome}); the recording is written to {@code jfrFile}.
   */
  void print(List<String> eventIds, HttpLoad.Outcome outcome, Path jfrFile, PrintStream out)
      throws IOException {
    Files.createDirectories(jfrFile.getParent());
    jfr.dump(jfrFile);
    jfr.close();
    Map<String, RecordedEvent> service = new HashMap<>();
    List<RecordedEvent> pauses = new ArrayList<>();
    Map<Long, Instant> safepointStarts = new HashMap<>();
    List<long[]> safepoints = new ArrayList<>();
    Map<Long, String> operations = new HashMap<>();
    Map<Long, float[]> cpuPerSecond = new TreeMap<>();
    Instant from = startedAt;
    Instant to = startedAt.plusNanos(stoppedNanos - startedNanos);
    for (RecordedEvent event : RecordingFile.readAllEvents(jfrFile)) {
      String type = event.getEventType().getName();
      boolean inRun =
          !event.getStartTime().isBefore(from) && !event.getStartTime().isAfter(to.plusSeconds(1));
      switch (type) {
        case WebhookRequestEvent.NAME -> {
          String id = event.getString("eventId");
          if (id != null) {
            service.put(id, event);
          }
        }
        case "jdk.GarbageCollection" -> {
          if (inRun) {
            pauses.add(event);
          }
        }
        case "jdk.SafepointBegin" ->
            safepointStarts.put(event.getLong("safepointId"), event.getStartTime());
        case "jdk.SafepointEnd" -> {
          Instant began = safepointStarts.remove(event.getLong("safepointId"));
          if (began != null && !began.isBefore(from) && !began.isAfter(to)) {
            safepoints.add(
                new long[] {
                  event.getLong("safepointId"),
                  Duration.between(from, began).toNanos(),
                  Duration.between(began, event.getEndTime()).toNanos()
                });
          }
        }
        case "jdk.ExecuteVMOperation" -> {
          if (event.getBoolean("safepoint")) {
            operations.put(event.getLong("safepointId"), event.getString("operation"));
          }
        }
        case "jdk.CPULoad" -> {
          if (inRun) {
            cpuPerSecond.put(
                Duration.between(from, event.getStartTime()).toSeconds(),
                new float[] {
                  event.getFloat("jvmUser") + event.getFloat("jvmSystem"),
                  event.getFloat("machineTotal")
                });
          }
        }
        default -> {}
      }
    }
    List<Webhook> webhooks = new ArrayList<>();
    for (int i = 0; i < eventIds.size(); i++) {
      RecordedEvent s = service.get(eventIds.get(i));
      long[] t = tomcat.get(eventIds.get(i));
      if (s != null && t != null && s.getInt("status") == 202 && outcome.answered()[i] > 0) {
        webhooks.add(
            new Webhook(
                outcome.timedFrom()[i],
                outcome.written()[i],
                t[0],
                t[1],
                s.getLong("servletStarted"),
                s.getLong("bodyRead"),
                s.getLong("verified"),
                s.getLong("statementStarted"),
                s.getLong("statementEnded"),
                s.getInt("batchSize"),
                s.getLong("claimed"),
                s.getLong("sent"),
                s.getLong("acknowledged"),
                s.getLong("resumed"),
                s.getLong("written"),
                t[2],
                outcome.answered()[i]));
      }
    }
    out.printf(
        Locale.ROOT,
        "latency decomposition of the paced run (%d of %d webhooks; ms p50 / p90 / p99 / max):%n",
        webhooks.size(),
        eventIds.size());
    if (webhooks.isEmpty()) {
      return;
    }
    for (Stage stage : STAGES) {
      List<Long> values = webhooks.stream().map(stage.length()::applyAsLong).toList();
      out.printf(
          Locale.ROOT,
          "  %-30s %7.2f / %7.2f / %7.2f / %7.2f%n",
          stage.name(),
          percentile(values, 0.5) / 1e6,
          percentile(values, 0.9) / 1e6,
          percentile(values, 0.99) / 1e6,
          percentile(values, 1.0) / 1e6);
    }
    List<Long> sizes = webhooks.stream().map(w -> (long) w.batchSize()).toList();
    out.printf(
        Locale.ROOT,
        "  claim batch size (ids per statement, per webhook): p50 %.0f, p90 %.0f, p99 %.0f, max"
            + " %.0f%n",
        percentile(sizes, 0.5),
        percentile(sizes, 0.9),
        percentile(sizes, 0.99),
        percentile(sizes, 1.0));
    List<Webhook> slowest = new ArrayList<>(webhooks);
    slowest.sort(Comparator.comparingLong(Webhook::total).reversed());
    slowest = slowest.subList(0, Math.max(1, slowest.size() / 100));
    StringBuilder means = new StringBuilder();
    for (Stage stage : STAGES) {
      means.append(
          String.format(
              Locale.ROOT,
              "%n    %-30s %7.2f",
              stage.name(),
              slowest.stream().mapToLong(stage.length()).average().orElse(0) / 1e6));
    }
    out.printf(
        Locale.ROOT, "  the slowest 1 %% (%d), mean ms per stage:%s%n", slowest.size(), means);
    printPauses(webhooks, pauses, safepoints, operations, cpuPerSecond, out);
    printCpu(webhooks.size(), out);
  }

  private void printPauses(
      List<Webhook> webhooks,
      List<RecordedEvent> collections,
      List<long[]> safepoints,
      Map<Long, String> operations,
      Map<Long, float[]> cpuPerSecond,
      PrintStream out) {
    long total = safepoints.stream().mapToLong(p -> p[2]).sum();
    long[] longest = safepoints.stream().max(Comparator.comparingLong(p -> p[2])).orElse(null);
    out.printf(
        Locale.ROOT,
        "  safepoints: %d, %.1f ms in all, longest %s; GCs (MXBeans) %d, %d ms; longest GC"
            + " pause %s%n",
        safepoints.size(),
        total / 1e6,
        longest == null
            ? "-"
            : String.format(
                Locale.ROOT,
                "%.1f ms (%s)",
                longest[2] / 1e6,
                operations.getOrDefault(longest[0], "?")),
        gcCount,
        gcMillis,
        collections.stream()
            .max(Comparator.comparing(e -> e.getDuration("longestPause")))
            .map(
                e ->
                    String.format(
                        Locale.ROOT,
                        "%.1f ms (%s, %s)",
                        e.getDuration("longestPause").toNanos() / 1e6,
                        e.getString("name"),
                        e.getString("cause")))
            .orElse("-"));
    Map<Long, List<Long>> totals = new TreeMap<>();
    webhooks.forEach(
        w ->
            totals
                .computeIfAbsent(
                    (w.received() - startedNanos) / 1_000_000_000, s -> new ArrayList<>())
                .add(w.total()));
    Map<Long, long[]> paused = new HashMap<>();
    safepoints.forEach(
        p -> {
          long[] sum = paused.computeIfAbsent(p[1] / 1_000_000_000, s -> new long[2]);
          sum[0] += p[2];
          sum[1] = Math.max(sum[1], p[2]);
        });
    out.println(
        "  per second of the run: answered, their p99, safepoint ms (sum / longest), CPU % (this"
            + " JVM / machine):");
    totals.forEach(
        (second, list) -> {
          long[] p = paused.getOrDefault(second, new long[2]);
          float[] cpu = cpuPerSecond.get(second);
          out.printf(
              Locale.ROOT,
              "    %3d: %5d, p99 %6.1f ms, safepoints %5.1f / %5.1f ms, CPU %s%n",
              second,
              list.size(),
              percentile(list, 0.99) / 1e6,
              p[0] / 1e6,
              p[1] / 1e6,
              cpu == null
                  ? "-"
                  : String.format(Locale.ROOT, "%3.0f / %3.0f", cpu[0] * 100, cpu[1] * 100));
        });
  }

  private void printCpu(int answered, PrintStream out) {
    double seconds = (stoppedNanos - startedNanos) / 1e9;
    long listed = cpu.used().values().stream().mapToLong(Long::longValue).sum();
    String line =
        cpu.busiest(14, seconds)
            + ThreadGroupCpu.line(
                "this JVM's other threads (not listed above)",
                processes.jvmNanos() - listed,
                seconds)
            + ThreadGroupCpu.line(
                "PostgreSQL processes (/proc)", processes.postgresNanos(), seconds);
    out.printf(
        Locale.ROOT,
        "  CPU per thread group over the run (%.1f s; request threads are virtual, on the"
            + " ForkJoinPool carriers):%s%n",
        seconds,
        line);
    out.printf(
        Locale.ROOT,
        "  CPU per answered webhook (%d): request carriers %.0f µs, PostgreSQL %.0f µs, this JVM"
            + " (broker and client included) %.0f µs; heap allocated on the carriers %.1f KB%n",
        answered,
        cpu.used().entrySet().stream()
                .filter(group -> group.getKey().startsWith("ForkJoinPool-#-worker"))
                .mapToLong(Map.Entry::getValue)
                .sum()
            / 1e3
            / Math.max(1, answered),
        processes.postgresNanos() / 1e3 / Math.max(1, answered),
        processes.jvmNanos() / 1e3 / Math.max(1, answered),
        carriersAllocated / 1024.0 / Math.max(1, answered));
    out.printf(
        Locale.ROOT,
        "  processed_notifications over the run (pg_stat_user_tables, which backends report"
            + " with a delay: approximate): %d inserted, %d updated of which %d HOT, %d deleted, dead tuples %+d,"
            + " autovacuums %d, autoanalyzes %d%n",
        ledger[0],
        ledger[1],
        ledger[2],
        ledger[3],
        ledger[4],
        ledger[5],
        ledger[6]);
    if (!statements.isEmpty()) {
      out.println("  PostgreSQL's statements of the run by time (pg_stat_statements):");
      statements.forEach(statement -> out.println("    " + statement));
    }
  }

  /**
   * Bytes allocated per carrier thread of the virtual threads (a virtual thread's allocations count
   * on the carrier it runs on), by thread id; empty where the JVM does not count them.
   */
  private static Map<Long, Long> carriersAllocated() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isThreadAllocatedMemoryEnabled()) {
      return Map.of();
    }
    Map<Long, Long> bytes = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().matches("ForkJoinPool-[0-9]+-worker-[0-9]+")) {
        long allocated = threads.getThreadAllocatedBytes(info.getThreadId());
        if (allocated > 0) {
          bytes.put(info.getThreadId(), allocated);
        }
      }
    }
    return bytes;
  }

  /**
   * The ledger's write counters: inserted, updated, HOT updated, deleted, dead, vacuums, analyzes.
   */
  private static long[] ledgerWrites(JdbcClient jdbc) {
    return jdbc.sql(
            """
            SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_dead_tup, autovacuum_count,
                   autoanalyze_count
            FROM pg_stat_user_tables
            WHERE schemaname = 'ingest' AND relname = 'processed_notifications'
            """)
        .query(
            (row, n) -> {
              long[] counts = new long[7];
              for (int i = 0; i < counts.length; i++) {
                counts[i] = row.getLong(i + 1);
              }
              return counts;
            })
        .single();
  }

  private static double percentile(List<Long> values, double fraction) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * fraction) - 1));
  }
}
