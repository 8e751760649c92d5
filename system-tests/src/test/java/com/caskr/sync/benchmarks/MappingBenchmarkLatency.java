package com.caskr.sync.benchmarks;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.testing.ThreadGroupCpu;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Where the latency run's time goes, per change: sending to the broker's acknowledgement (the
 * producer's callback), acknowledgement to the poll that handed it to a consumer (the interceptor
 * the listener container calls right after {@code poll}), poll to the moment the service started
 * applying it ({@code started_at}: the batch's tenant, ledger and prefetch statements and the
 * changes before it), to its sync-log row ({@code completed_at}, written just before the commit),
 * and to the end of its batch (the listener returned: the transaction committed). Per batch: its
 * size, the time from poll to the commit, and the consumer's gap before it (the previous batch's
 * offset commit and the poll). Over the run: the JVM's safepoints and GC pauses (JFR, in-process),
 * the JVM's and the machine's CPU per second, and the CPU time per thread group. The service, the
 * broker and the harness share this JVM; PostgreSQL is its own process.
 */
final class MappingBenchmarkLatency implements BatchInterceptor<Object, Object> {

  private final Map<UUID, Long> acked = new ConcurrentHashMap<>();
  private final Map<UUID, Batch> batchOf = new ConcurrentHashMap<>();
  private final List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<Batch> current = new ThreadLocal<>();
  private final ThreadLocal<Long> lastEnd = new ThreadLocal<>();
  private final List<Safepoint> pauses = Collections.synchronizedList(new ArrayList<>());
  private final List<Pause> collections = Collections.synchronizedList(new ArrayList<>());
  private final Map<Long, Long> safepointStarts = new ConcurrentHashMap<>();
  private final Map<Long, String> operations = new ConcurrentHashMap<>();
  private final Map<Long, double[]> cpuPerSecond = new ConcurrentHashMap<>();
  private volatile boolean recording;
  private RecordingStream jfr;
  private ThreadGroupCpu cpu = new ThreadGroupCpu();
  private long startedMicros;
  private long stoppedMicros;

  /** One poll of one consumer, applied in one transaction. */
  private static final class Batch {
    final int size;
    final long polled;
    final long gap;
    volatile long ended;

    Batch(int size, long polled, long gap) {
      this.size = size;
      this.polled = polled;
      this.gap = gap;
    }
  }

  /**
   * @param at epoch microseconds the pause started
   * @param micros how long it lasted
   */
  private record Pause(long at, long micros, String what) {}

  /** A safepoint: its id names its VM operation, which JFR may deliver after its end. */
  private record Safepoint(long id, long at, long micros) {}

  @Override
  public ConsumerRecords<Object, Object> intercept(
      ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
    if (recording) {
      long now = micros(Instant.now());
      Long previous = lastEnd.get();
      Batch batch = new Batch(records.count(), now, previous == null ? -1 : now - previous);
      current.set(batch);
      batches.add(batch);
      for (ConsumerRecord<Object, Object> record : records) {
        if (record.value() instanceof SalesforceRecordChanged event) {
          batchOf.put(event.eventId(), batch);
        }
      }
    }
    return records;
  }

  @Override
  public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
    ended();
  }

  @Override
  public void failure(
      ConsumerRecords<Object, Object> records,
      Exception exception,
      Consumer<Object, Object> consumer) {
    ended();
  }

  private void ended() {
    Batch batch = current.get();
    if (batch != null) {
      long now = micros(Instant.now());
      // Only between batches of the run: the gap before a consumer's first one is idle time.
      lastEnd.set(now);
      batch.ended = now;
      current.remove();
    }
  }

  /** The producer's acknowledgement of a paced change (called from its callback). */
  void acked(UUID eventId) {
    acked.put(eventId, micros(Instant.now()));
  }

  /**
   * Starts watching the JVM's safepoints, GCs and CPU load (JFR in-process). Called well before the
   * run: starting a recording redefines classes at a safepoint (≈ 100 ms on a loaded machine).
   */
  void watchJvm() {
    jfr = new RecordingStream();
    jfr.enable("jdk.SafepointBegin").withoutThreshold();
    jfr.enable("jdk.SafepointEnd").withoutThreshold();
    jfr.enable("jdk.ExecuteVMOperation").withoutThreshold();
    jfr.enable("jdk.GarbageCollection").withoutThreshold();
    jfr.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
    jfr.onEvent("jdk.SafepointBegin", this::safepointBegan);
    jfr.onEvent("jdk.SafepointEnd", this::safepointEnded);
    jfr.onEvent(
        "jdk.ExecuteVMOperation",
        event -> {
          if (event.getBoolean("safepoint") && event.hasField("safepointId")) {
            operations.put(event.getLong("safepointId"), event.getString("operation"));
          }
        });
    jfr.onEvent(
        "jdk.GarbageCollection",
        event -> {
          if (startedMicros > 0 && micros(event.getStartTime()) >= startedMicros) {
            collections.add(
                new Pause(
                    micros(event.getStartTime()),
                    event.getDuration("longestPause").toNanos() / 1_000,
                    event.getString("name") + " " + event.getString("cause")));
          }
        });
    jfr.onEvent(
        "jdk.CPULoad",
        event ->
            cpuPerSecond.put(
                micros(event.getStartTime()) / 1_000_000,
                new double[] {
                  event.getFloat("jvmUser") + event.getFloat("jvmSystem"),
                  event.getFloat("machineTotal")
                }));
    jfr.startAsync();
  }

  /** Starts recording batches, and thread CPU time, for the latency run. */
  void start() {
    startedMicros = micros(Instant.now());
    cpu = new ThreadGroupCpu();
    recording = true;
  }

  private void safepointBegan(RecordedEvent event) {
    safepointStarts.put(event.getLong("safepointId"), micros(event.getStartTime()));
  }

  private void safepointEnded(RecordedEvent event) {
    long id = event.getLong("safepointId");
    Long began = safepointStarts.remove(id);
    if (began != null && began >= startedMicros && startedMicros > 0) {
      pauses.add(new Safepoint(id, began, micros(event.getEndTime()) - began));
    }
  }

  /** Stops recording (the run's changes are all committed). */
  void stop() {
    recording = false;
    stoppedMicros = micros(Instant.now());
    cpu.stop();
    // Waits until the events recorded so far are delivered.
    jfr.stop();
    jfr.close();
  }

  /** One change of the run with its timestamps (epoch microseconds). */
  private record Change(
      long sent, long acked, long polled, long started, long logged, long committed) {

    long total() {
      return committed - sent;
    }
  }

  /** Prints the decomposition of the changes in {@code sentAt} (all applied by now). */
  void print(JdbcClient jdbc, Tenant tenant, Map<UUID, Instant> sentAt, PrintStream out) {
    List<Change> changes = new ArrayList<>();
    jdbc.sql(
            "SELECT event_id, started_at, completed_at FROM mapping.crm_sync_logs"
                + " WHERE company_id = ? AND event_id IS NOT NULL")
        .param(tenant.companyId())
        .query(
            rs -> {
              UUID id = rs.getObject("event_id", UUID.class);
              Instant sent = sentAt.get(id);
              Batch batch = batchOf.get(id);
              Long ack = acked.get(id);
              if (sent != null && batch != null && batch.ended > 0 && ack != null) {
                changes.add(
                    new Change(
                        micros(sent),
                        ack,
                        batch.polled,
                        micros(rs.getTimestamp("started_at").toInstant()),
                        micros(rs.getTimestamp("completed_at").toInstant()),
                        batch.ended));
              }
            });
    if (changes.isEmpty()) {
      out.println("latency decomposition: no change was seen by the probe");
      return;
    }
    out.printf(
        Locale.ROOT,
        "latency decomposition (%d of %d changes; ms, p50 / p90 / p99 / max):%n",
        changes.size(),
        sentAt.size());
    segment(out, "send -> broker ack", changes, c -> c.acked() - c.sent());
    segment(out, "broker ack -> poll", changes, c -> c.polled() - c.acked());
    segment(out, "poll -> applying started", changes, c -> c.started() - c.polled());
    segment(out, "applying -> sync-log row", changes, c -> c.logged() - c.started());
    segment(out, "sync-log row -> commit", changes, c -> c.committed() - c.logged());
    segment(out, "send -> commit", changes, Change::total);
    List<Change> slowest = new ArrayList<>(changes);
    slowest.sort(Comparator.comparingLong(Change::total).reversed());
    slowest = slowest.subList(0, Math.max(1, slowest.size() / 100));
    out.printf(
        Locale.ROOT,
        "  the slowest 1 %% (%d): mean ms send->ack %.0f, ack->poll %.0f, poll->applying %.0f,"
            + " applying->log %.0f, log->commit %.0f%n",
        slowest.size(),
        mean(slowest, c -> c.acked() - c.sent()),
        mean(slowest, c -> c.polled() - c.acked()),
        mean(slowest, c -> c.started() - c.polled()),
        mean(slowest, c -> c.logged() - c.started()),
        mean(slowest, c -> c.committed() - c.logged()));
    List<Batch> done;
    synchronized (batches) {
      done = batches.stream().filter(b -> b.ended > 0).toList();
    }
    out.printf(
        Locale.ROOT,
        "  batches %d: size p50 %.0f, p90 %.0f, max %.0f; poll -> commit ms p50 %.0f, p90 %.0f,"
            + " p99 %.0f, max %.0f; the consumer's gap before a poll (offset commit + poll) ms"
            + " p50 %.0f, p99 %.0f%n",
        done.size(),
        percentile(done.stream().map(b -> (long) b.size).toList(), 0.5),
        percentile(done.stream().map(b -> (long) b.size).toList(), 0.9),
        percentile(done.stream().map(b -> (long) b.size).toList(), 1.0),
        percentile(done.stream().map(b -> b.ended - b.polled).toList(), 0.5) / 1e3,
        percentile(done.stream().map(b -> b.ended - b.polled).toList(), 0.9) / 1e3,
        percentile(done.stream().map(b -> b.ended - b.polled).toList(), 0.99) / 1e3,
        percentile(done.stream().map(b -> b.ended - b.polled).toList(), 1.0) / 1e3,
        percentile(done.stream().filter(b -> b.gap >= 0).map(b -> b.gap).toList(), 0.5) / 1e3,
        percentile(done.stream().filter(b -> b.gap >= 0).map(b -> b.gap).toList(), 0.99) / 1e3);
    printPauses(changes, out);
    printThreads(out);
  }

  private void printPauses(List<Change> changes, PrintStream out) {
    List<Safepoint> safepoints;
    synchronized (pauses) {
      safepoints = List.copyOf(pauses);
    }
    List<Pause> gcs;
    synchronized (collections) {
      gcs = List.copyOf(collections);
    }
    long total = safepoints.stream().mapToLong(Safepoint::micros).sum();
    Safepoint longest =
        safepoints.stream().max(Comparator.comparingLong(Safepoint::micros)).orElse(null);
    out.printf(
        Locale.ROOT,
        "  JVM safepoints during the run: %d, %.0f ms in all, longest %s; GCs %d, longest pause %s%n",
        safepoints.size(),
        total / 1e3,
        longest == null
            ? "-"
            : String.format(
                Locale.ROOT,
                "%.1f ms (%s)",
                longest.micros() / 1e3,
                operations.getOrDefault(longest.id(), "?")),
        gcs.size(),
        gcs.stream()
            .max(Comparator.comparingLong(Pause::micros))
            .map(p -> String.format(Locale.ROOT, "%.1f ms (%s)", p.micros() / 1e3, p.what()))
            .orElse("-"));
    // Per wall-clock second of the run: the changes committed in it, their p99, and what the JVM
    // and the machine did in that second.
    long first = changes.stream().mapToLong(Change::sent).min().orElse(startedMicros);
    Map<Long, List<Long>> totals = new TreeMap<>();
    changes.forEach(
        c ->
            totals
                .computeIfAbsent((c.committed() - first) / 1_000_000, s -> new ArrayList<>())
                .add(c.total()));
    Map<Long, long[]> paused = new HashMap<>();
    safepoints.forEach(
        p -> {
          long[] sum = paused.computeIfAbsent((p.at() - first) / 1_000_000, s -> new long[2]);
          sum[0] += p.micros();
          sum[1] = Math.max(sum[1], p.micros());
        });
    out.println(
        "  per second of committing: changes, p99 of their latency, safepoint ms (sum / longest),"
            + " CPU % (this JVM / machine):");
    totals.forEach(
        (second, list) -> {
          long[] p = paused.getOrDefault(second, new long[2]);
          double[] cpu = cpuPerSecond.get(first / 1_000_000 + second);
          out.printf(
              Locale.ROOT,
              "    %3d: %5d, p99 %5.0f ms, safepoints %5.1f / %5.1f ms, CPU %s%n",
              second,
              list.size(),
              percentile(list, 0.99) / 1e3,
              p[0] / 1e3,
              p[1] / 1e3,
              cpu == null
                  ? "-"
                  : String.format(Locale.ROOT, "%3.0f / %3.0f", cpu[0] * 100, cpu[1] * 100));
        });
  }

  private void printThreads(PrintStream out) {
    double seconds = (stoppedMicros - startedMicros) / 1e6;
    out.printf(
        Locale.ROOT,
        "  CPU per thread group over the run (%.1f s; virtual threads, the listeners among them,"
            + " run on the ForkJoinPool carriers):%s%n",
        seconds,
        cpu.busiest(12, seconds));
  }

  private static double mean(List<Change> changes, ToLongFunction<Change> part) {
    return changes.stream().mapToLong(part).average().orElse(0) / 1e3;
  }

  private static void segment(
      PrintStream out, String name, List<Change> changes, ToLongFunction<Change> part) {
    List<Long> values = changes.stream().map(part::applyAsLong).toList();
    out.printf(
        Locale.ROOT,
        "  %-26s %7.1f / %7.1f / %7.1f / %7.1f%n",
        name,
        percentile(values, 0.5) / 1e3,
        percentile(values, 0.9) / 1e3,
        percentile(values, 0.99) / 1e3,
        percentile(values, 1.0) / 1e3);
  }

  private static double percentile(List<Long> values, double fraction) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * fraction) - 1));
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
