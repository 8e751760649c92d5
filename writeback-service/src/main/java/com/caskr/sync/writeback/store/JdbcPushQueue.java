package com.caskr.sync.writeback.store;

import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.writeback.plan.Edit;
import com.caskr.sync.writeback.plan.Priority;
import com.caskr.sync.writeback.plan.PushQueue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link PushQueue} on {@code writeback.push_queue} (V2). */
final class JdbcPushQueue implements PushQueue {

  private final JdbcClient jdbc;
  private final Duration settle;
  private final Duration maxWait;

  /**
   * @param settle a claim waits until no edit arrived for this long (a burst collapses and travels
   *     in full calls)...
   * @param maxWait ...unless the oldest due edit has waited this long already
   */
  JdbcPushQueue(JdbcClient jdbc, Duration settle, Duration maxWait) {
    this.jdbc = jdbc;
    this.settle = settle;
    this.maxWait = maxWait;
  }

  @Override
  public void add(List<Edit> edits) {
    // One order for every writer, so two intakes merging into the same rows cannot deadlock.
    List<Edit> sorted =
        edits.stream()
            .sorted(
                Comparator.comparingLong(Edit::companyId)
                    .thenComparing(e -> e.entity().wireName())
                    .thenComparingLong(Edit::caskrId))
            .toList();
    for (Edit edit : sorted) {
      jdbc.sql(
              """
              INSERT INTO writeback.push_queue
                  (company_id, entity, caskr_id, changed_fields, priority, resolution)
              VALUES (:company, :entity, :id, :fields, :priority, :resolution)
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
                  touched_at = now()
              """)
          .param("company", edit.companyId())
          .param("entity", edit.entity().wireName())
          .param("id", edit.caskrId())
          .param("fields", edit.fields().stream().sorted().toArray(String[]::new))
          .param("priority", edit.priority().name())
          .param("resolution", edit.resolution())
          .update();
    }
  }

  @Override
  public List<Claimed> claim(int limit, Duration lease) {
    boolean ready =
        jdbc.sql(
                """
                SELECT coalesce(max(touched_at) <= now() - make_interval(secs => :settle)
                                OR min(enqueued_at) <= now() - make_interval(secs => :wait), false)
                  FROM writeback.push_queue
                 WHERE due_at <= now() AND (leased_until IS NULL OR leased_until < now())
                """)
            .param("settle", settle.toMillis() / 1000.0)
            .param("wait", maxWait.toMillis() / 1000.0)
            .query(Boolean.class)
            .single();
    if (!ready) {
      return List.of();
    }
    return jdbc.sql(
            """
            UPDATE writeback.push_queue q
               SET leased_until = now() + make_interval(secs => :lease)
              FROM (SELECT company_id, entity, caskr_id FROM writeback.push_queue
                     WHERE due_at <= now() AND (leased_until IS NULL OR leased_until < now())
                     ORDER BY priority DESC, due_at
                     LIMIT :limit
                     FOR UPDATE SKIP LOCKED) due
             WHERE q.company_id = due.company_id AND q.entity = due.entity
               AND q.caskr_id = due.caskr_id
            RETURNING q.company_id, q.entity, q.caskr_id, q.changed_fields, q.priority,
                      q.resolution, q.version, q.attempts
            """)
        .param("lease", lease.toMillis() / 1000.0)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Claimed(
                    new Edit(
                        rs.getLong("company_id"),
                        entity(rs.getString("entity")),
                        rs.getLong("caskr_id"),
                        Set.copyOf(
                            Arrays.asList((String[]) rs.getArray("changed_fields").getArray())),
                        Priority.valueOf(rs.getString("priority")),
                        rs.getBoolean("resolution")),
                    rs.getLong("version"),
                    rs.getInt("attempts")))
        .list();
  }

  @Override
  public void done(Claimed claimed) {
    int deleted =
        key(
                jdbc.sql(
                    "DELETE FROM writeback.push_queue WHERE company_id = :company"
                        + " AND entity = :entity AND caskr_id = :id AND version = :version"),
                claimed)
            .param("version", claimed.version())
            .update();
    if (deleted == 0) {
      key(
              jdbc.sql(
                  "UPDATE writeback.push_queue SET leased_until = NULL, attempts = 0"
                      + " WHERE company_id = :company AND entity = :entity AND caskr_id = :id"),
              claimed)
          .update();
    }
  }

  @Override
  public void retryLater(Claimed claimed, Duration delay, boolean countAsAttempt) {
    key(
            jdbc.sql(
                """
                UPDATE writeback.push_queue
                   SET leased_until = NULL,
                       due_at = now() + make_interval(secs => :delay),
                       attempts = attempts + :increment
                 WHERE company_id = :company AND entity = :entity AND caskr_id = :id
                """),
            claimed)
        .param("delay", delay.toMillis() / 1000.0)
        .param("increment", countAsAttempt ? 1 : 0)
        .update();
  }

  private static JdbcClient.StatementSpec key(JdbcClient.StatementSpec spec, Claimed claimed) {
    return spec.param("company", claimed.edit().companyId())
        .param("entity", claimed.edit().entity().wireName())
        .param("id", claimed.edit().caskrId());
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
