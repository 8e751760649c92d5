package com.caskr.sync.benchmarks;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where PostgreSQL's time goes during the mapping benchmark's throughput runs: the statements
 * ranked by total execution time per change ({@code pg_stat_statements}, only when the server
 * preloads it: {@code -Dtesting.postgres.profile=<log dir>}) and {@code pg_stat_activity} wait
 * events sampled every 10 ms. Off (and free) when the server does not preload the extension.
 */
final class MappingBenchmarkProfile implements AutoCloseable {

  private final JdbcClient jdbc;
  private final boolean enabled;
  private final Map<String, Integer> waits = new TreeMap<>();
  private ScheduledExecutorService sampler;

  private MappingBenchmarkProfile(JdbcClient jdbc, boolean enabled) {
    this.jdbc = jdbc;
    this.enabled = enabled;
  }

  static MappingBenchmarkProfile of(JdbcClient jdbc) {
    boolean preloaded =
        jdbc.sql("SELECT current_setting('shared_preload_libraries')")
            .query(String.class)
            .single()
            .contains("pg_stat_statements");
    if (preloaded) {
      jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
    }
    return new MappingBenchmarkProfile(jdbc, preloaded);
  }

  /** Forgets the statistics so far and starts sampling wait events. */
  void start(DataSource dataSource, PrintStream out) {
    if (!enabled) {
      return;
    }
    jdbc.sql("SELECT pg_stat_statements_reset()").query(Object.class).single();
    out.println("profile started at " + Instant.now());
    JdbcClient sampling = JdbcClient.create(dataSource);
    sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(
        () ->
            sampling
                .sql(
                    "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait,"
                        + " count(*) AS n FROM pg_stat_activity WHERE state = 'active'"
                        + " AND datname = current_database() AND pid <> pg_backend_pid()"
                        + " GROUP BY 1")
                .query(
                    rs -> {
                      synchronized (waits) {
                        waits.merge(rs.getString("wait"), rs.getInt("n"), Integer::sum);
                      }
                    }),
        0,
        10,
        TimeUnit.MILLISECONDS);
  }

  /** Prints the ranking for {@code changes} changes applied since {@link #start}. */
  void print(long changes, PrintStream out) {
    if (!enabled) {
      return;
    }
    close();
    out.println("profile ended at " + Instant.now());
    out.printf(
        Locale.ROOT,
        "PostgreSQL statements by total time (%d changes; us per change executing and planning,"
            + " calls, rows):%n",
        changes);
    jdbc.sql(
            "SELECT total_exec_time, total_plan_time, calls, rows, shared_blks_dirtied, wal_bytes,"
                + " regexp_replace(left(query, 140), '\\s+', ' ', 'g') AS query"
                + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()) ORDER BY total_exec_time + total_plan_time DESC LIMIT 30")
        .query(
            rs -> {
              out.printf(
                  Locale.ROOT,
                  "  %8.1f us (+%6.1f planning) %8d calls %8d rows %7d dirtied %9.0f B WAL/change"
                      + "  %s%n",
                  rs.getDouble("total_exec_time") * 1000 / Math.max(1, changes),
                  rs.getDouble("total_plan_time") * 1000 / Math.max(1, changes),
                  rs.getLong("calls"),
                  rs.getLong("rows"),
                  rs.getLong("shared_blks_dirtied"),
                  rs.getDouble("wal_bytes") / Math.max(1, changes),
                  rs.getString("query"));
            });
    out.println("tables written (inserts, updates, HOT updates, dead rows, indexes):");
    jdbc.sql(
            "SELECT s.schemaname || '.' || s.relname AS name, s.n_tup_ins, s.n_tup_upd,"
                + " s.n_tup_hot_upd, s.n_dead_tup, (SELECT count(*) FROM pg_index i"
                + " WHERE i.indrelid = s.relid) AS indexes FROM pg_stat_user_tables s"
                + " WHERE s.n_tup_ins + s.n_tup_upd + s.n_tup_del > 0"
                + " ORDER BY s.n_tup_ins + s.n_tup_upd DESC LIMIT 10")
        .query(
            rs -> {
              out.printf(
                  Locale.ROOT,
                  "  %-36s %8d %8d %8d %8d %3d%n",
                  rs.getString("name"),
                  rs.getLong("n_tup_ins"),
                  rs.getLong("n_tup_upd"),
                  rs.getLong("n_tup_hot_upd"),
                  rs.getLong("n_dead_tup"),
                  rs.getInt("indexes"));
            });
    synchronized (waits) {
      int total = waits.values().stream().mapToInt(Integer::intValue).sum();
      out.printf(Locale.ROOT, "active backends by wait event (%d sampled):%n", total);
      waits.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(12)
          .forEach(
              entry ->
                  out.printf(
                      Locale.ROOT,
                      "  %5.1f %%  %s%n",
                      100.0 * entry.getValue() / Math.max(1, total),
                      entry.getKey()));
    }
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
      try {
        sampler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sampler = null;
    }
  }
}
