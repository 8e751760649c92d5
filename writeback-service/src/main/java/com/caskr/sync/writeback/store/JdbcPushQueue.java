package com.caskr.sync.writeback.store;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.writeback.plan.Batches;
import com.caskr.sync.writeback.plan.Edit;
import com.caskr.sync.writeback.plan.Position;
import com.caskr.sync.writeback.plan.Priority;
import com.caskr.sync.writeback.plan.PushQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link PushQueue} on {@code writeback.push_queue} (V2). Every operation is one statement over
 * arrays ({@code unnest}), whatever the number of edits: no per-row round trips.
 */
final class JdbcPushQueue implements PushQueue {

  private final JdbcClient jdbc;
  private final Duration settle;
  private final Duration maxWait;

  /**
   * @param settle a company's edits are claimed once none arrived for this long and none is still
   *     in the trigger log unsent (a burst collapses and travels in full calls)...
   * @param maxWait ...unless its oldest due edit has waited this long already
   */
  JdbcPushQueue(JdbcClient jdbc, Duration settle, Duration maxWait) {
    this.jdbc = jdbc;
    this.settle = settle;
    this.maxWait = maxWait;
  }

  @Override
  public void add(List<Edit> edits) {
    // One row per key in the statement (ON CONFLICT may touch a row once), in one order for every
    // writer, so two intakes merging into the same rows cannot deadlock.
    Map<String, Edit> byRow = new LinkedHashMap<>();
    for (Edit edit : edits) {
      byRow.merge(edit.companyId() + "/" + edit.entity() + "/" + edit.caskrId(), edit, Edit::merge);
    }
    List<Edit> sorted =
        byRow.values().stream()
            .sorted(
                Comparator.comparingLong(Edit::companyId)
                    .thenComparing(e -> e.entity().wireName())
                    .thenComparingLong(Edit::caskrId))
            .toList();
    if (sorted.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO writeback.push_queue
                (company_id, entity, caskr_id, changed_fields, priority, resolution, touched_at)
            SELECT company_id, entity, caskr_id,
                   CASE WHEN fields = '' THEN '{}'::text[] ELSE string_to_array(fields, ',') END,
                   priority, resolution, clock_timestamp()
              FROM unnest(CAST(:companies AS bigint[]), CAST(:entities AS text[]),
                          CAST(:ids AS bigint[]), CAST(:fields AS text[]),
                          CAST(:priorities AS text[]), CAST(:resolutions AS boolean[]))
                   WITH ORDINALITY
                   AS e(company_id, entity, caskr_id, fields, priority, resolution, n)
             ORDER BY n
            ON CONFLICT (company_id, entity, caskr_id) DO UPDATE SET
                changed_fields = CASE
                    WHEN cardinality(push_queue.changed_fields) = 0
                      OR cardinality(excluded.changed_fields) = 0 THEN '{}'::text[]
                    ELSE ARRAY(SELECT DISTINCT f FROM unnest(push_queue.changed_fields
                               || excluded.changed_fields) AS f ORDER BY f) END,
                priority = CASE WHEN push_queue.priority = 'INTERACTIVE'
                                  OR excluded.priority = 'INTERACTIVE'
                                THEN 'INTERACTIVE' ELSE 'BACKFILL' END,
                resolution = push_queue.resolution OR excluded.resolution,
                version = push_queue.version + 1,
                touched_at = excluded.touched_at
            """)
        .param("companies", sorted.stream().map(Edit::companyId).toArray(Long[]::new))
        .param("entities", sorted.stream().map(e -> e.entity().wireName()).toArray(String[]::new))
        .param("ids", sorted.stream().map(Edit::caskrId).toArray(Long[]::new))
        .param(
            "fields",
            sorted.stream()
                .map(e -> String.join(",", e.fields().stream().sorted().toList()))
                .toArray(String[]::new))
        .param("priorities", sorted.stream().map(e -> e.priority().name()).toArray(String[]::new))
        .param("resolutions", sorted.stream().map(Edit::resolution).toArray(Boolean[]::new))
        .update();
  }

  @Override
  public void queued(List<Position> positions) {
    if (positions.isEmpty()) {
      return;
    }
    List<Position> sorted =
        positions.stream()
            .sorted(Comparator.comparing(Position::topic).thenComparingInt(Position::partition))
            .toList();
    jdbc.sql(
            """
            INSERT INTO writeback.kafka_positions (topic, partition, queued)
            SELECT * FROM unnest(CAST(:topics AS text[]), CAST(:partitions AS integer[]),
                                 CAST(:offsets AS bigint[]))
            ON CONFLICT (topic, partition) DO UPDATE
                SET queued = greatest(kafka_positions.queued, excluded.queued)
            """)
        .param("topics", sorted.stream().map(Position::topic).toArray(String[]::new))
        .param("partitions", sorted.stream().map(Position::partition).toArray(Integer[]::new))
        .param("offsets", sorted.stream().map(Position::offset).toArray(Long[]::new))
        .update();
  }

  @Override
  public List<Claimed> claim(int limit, Duration lease) {
    List<Map<String, Object>> groups =
        jdbc.sql(
                """
                WITH companies AS (
                    SELECT c.company_id,
                           max(c.touched_at) <= now() - make_interval(secs => :settle)
                           AND NOT EXISTS (
                               SELECT 1 FROM writeback.trigger_log t
                                WHERE t.sent_at IS NULL AND t.company_id = c.company_id)
                           AND NOT EXISTS (
                               SELECT 1 FROM writeback.kafka_positions k
                                WHERE k.relayed > coalesce(k.queued, -1))
                               AS settled,
                           min(c.enqueued_at) FILTER (
                               WHERE c.due_at <= now()
                                 AND (c.leased_until IS NULL OR c.leased_until < now()))
                           <= now() - make_interval(secs => :wait) AS overdue
                      FROM writeback.push_queue c
                     GROUP BY c.company_id)
                SELECT q.company_id, q.entity, bool_or(companies.settled) AS settled,
                       count(*) AS due
                  FROM writeback.push_queue q
                  JOIN companies ON companies.company_id = q.company_id
                 WHERE q.due_at <= now() AND (q.leased_until IS NULL OR q.leased_until < now())
                   AND (companies.settled OR companies.overdue)
                 GROUP BY q.company_id, q.entity
                 ORDER BY q.company_id, q.entity
                """)
            .param("settle", settle.toMillis() / 1000.0)
            .param("wait", maxWait.toMillis() / 1000.0)
            .query()
            .listOfRows();
    List<Claimed> claimed = new ArrayList<>();
    for (Map<String, Object> group : groups) {
      int take =
          Boolean.TRUE.equals(group.get("settled"))
              ? limit
              : wholeCalls(((Number) group.get("due")).intValue(), limit);
      claimed.addAll(
          jdbc.sql(
                  """
                  UPDATE writeback.push_queue q
                     SET leased_until = now() + make_interval(secs => :lease)
                    FROM (SELECT company_id, entity, caskr_id FROM writeback.push_queue
                           WHERE company_id = :company AND entity = :entity
                             AND due_at <= now()
                             AND (leased_until IS NULL OR leased_until < now())
                           ORDER BY priority DESC, due_at, caskr_id
                           LIMIT :limit
                           FOR UPDATE SKIP LOCKED) due
                   WHERE q.company_id = due.company_id AND q.entity = due.entity
                     AND q.caskr_id = due.caskr_id
                  RETURNING q.company_id, q.entity, q.caskr_id, q.changed_fields, q.priority,
                            q.resolution, q.version, q.attempts
                  """)
              .param("lease", lease.toMillis() / 1000.0)
              .param("company", group.get("company_id"))
              .param("entity", group.get("entity"))
              .param("limit", take)
              .query(
                  (rs, n) ->
                      new Claimed(
                          new Edit(
                              rs.getLong("company_id"),
                              entity(rs.getString("entity")),
                              rs.getLong("caskr_id"),
                              Set.copyOf(
                                  Arrays.asList(
                                      (String[]) rs.getArray("changed_fields").getArray())),
                              Priority.valueOf(rs.getString("priority")),
                              rs.getBoolean("resolution")),
                          rs.getLong("version"),
                          rs.getInt("attempts")))
              .list());
    }
    return claimed;
  }

  /**
   * A burst that is still arriving when its oldest edit reached max-wait: the pass takes whole
   * calls only (multiples of a retrieve of 2,000, else of an update of 200; all when fewer than
   * 200), and the rest waits for the burst's remainder instead of travelling in part-filled calls.
   */
  static int wholeCalls(int due, int limit) {
    int available = Math.min(due, limit);
    if (available >= Batches.RETRIEVE_LIMIT) {
      return available - available % Batches.RETRIEVE_LIMIT;
    }
    return available >= Batches.COLLECTION_LIMIT
        ? available - available % Batches.COLLECTION_LIMIT
        : available;
  }

  @Override
  public void done(List<Claimed> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    // Two statements: the second one's snapshot sees a version an intake raised meanwhile.
    keys(
            jdbc.sql(
                """
                DELETE FROM writeback.push_queue q
                 USING unnest(CAST(:companies AS bigint[]), CAST(:entities AS text[]),
                              CAST(:ids AS bigint[]), CAST(:versions AS bigint[]))
                       AS c(company_id, entity, caskr_id, version)
                 WHERE q.company_id = c.company_id AND q.entity = c.entity
                   AND q.caskr_id = c.caskr_id AND q.version = c.version
                """),
            claimed)
        .param("versions", claimed.stream().map(Claimed::version).toArray(Long[]::new))
        .update();
    keys(
            jdbc.sql(
                """
                UPDATE writeback.push_queue q SET leased_until = NULL, attempts = 0
                  FROM unnest(CAST(:companies AS bigint[]), CAST(:entities AS text[]),
                              CAST(:ids AS bigint[])) AS c(company_id, entity, caskr_id)
                 WHERE q.company_id = c.company_id AND q.entity = c.entity
                   AND q.caskr_id = c.caskr_id
                """),
            claimed)
        .update();
  }

  @Override
  public void retryLater(List<Claimed> claimed, Duration delay, boolean countAsAttempt) {
    if (claimed.isEmpty()) {
      return;
    }
    keys(
            jdbc.sql(
                """
                UPDATE writeback.push_queue q
                   SET leased_until = NULL,
                       due_at = now() + make_interval(secs => :delay),
                       attempts = q.attempts + :increment
                  FROM unnest(CAST(:companies AS bigint[]), CAST(:entities AS text[]),
                              CAST(:ids AS bigint[])) AS c(company_id, entity, caskr_id)
                 WHERE q.company_id = c.company_id AND q.entity = c.entity
                   AND q.caskr_id = c.caskr_id
                """),
            claimed)
        .param("delay", delay.toMillis() / 1000.0)
        .param("increment", countAsAttempt ? 1 : 0)
        .update();
  }

  private static JdbcClient.StatementSpec keys(
      JdbcClient.StatementSpec spec, List<Claimed> claimed) {
    return spec.param(
            "companies", claimed.stream().map(c -> c.edit().companyId()).toArray(Long[]::new))
        .param(
            "entities",
            claimed.stream().map(c -> c.edit().entity().wireName()).toArray(String[]::new))
        .param("ids", claimed.stream().map(c -> c.edit().caskrId()).toArray(Long[]::new));
  }

  static CaskrEntity entity(String wireName) {
    for (CaskrEntity entity : CaskrEntity.values()) {
      if (entity.wireName().equals(wireName)) {
        return entity;
      }
    }
    throw new IllegalArgumentException("Unknown Caskr entity " + wireName);
  }
}
