package com.caskr.sync.ingest.webhook;

import com.caskr.sync.schema.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook event ids in the notification ledger ({@code ingest.processed_notifications}, source
 * WEBHOOK), claimed with one round trip before the change is published (shared by the claims of
 * concurrent deliveries).
 *
 * <p>A {@linkplain #claim claim} inserts the id as not yet accepted. After Kafka acknowledged the
 * change, {@link #accepted} marks it accepted: at once in this instance's memory (a replay right
 * after the 202 is refused without a database read) and, batched with the other acceptances of the
 * moment, in the table by a writer thread off the request path. When Kafka did not acknowledge it,
 * {@link #release} deletes the claim so the sender's retry goes through. A claim that is neither
 * accepted nor released (the instance died in between) blocks its id for {@code claimTimeout} at
 * most, then the next delivery takes it over: a crash can cause a duplicate, which consumers drop,
 * never a refused event that was not published.
 */
final class WebhookEventIds implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookEventIds.class);
  private static final int MAX_BATCH = 500;
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

  /**
   * How long the writer lets acceptances gather after the first one before it writes them: at 2,000
   * webhooks/s it wrote 2–13 ids per statement (380–2,077 statements per 5,000 webhooks), with it
   * ~36, and the writer's statement time halved (ADR 0023, seventh pass). Replays reaching this
   * instance meanwhile are refused from its memory; another instance tells them to retry a moment
   * longer.
   */
  private static final Duration WRITE_LINGER = Duration.ofMillis(10);

  /** What a claim found. */
  enum Claim {
    /** The id is this delivery's: publish it. */
    CLAIMED,
    /** The id was accepted before: refuse the replay. */
    REPLAYED,
    /** Another delivery of the id is waiting for Kafka: the sender should retry later. */
    IN_FLIGHT
  }

  private record Key(long companyId, String orgId, String eventId) {}

  private static final Comparator<Key> KEY_ORDER =
      Comparator.comparingLong(Key::companyId)
          .thenComparing(Key::orgId)
          .thenComparing(Key::eventId);

  /** One delivery's claim, filled in by whichever delivery flushed it (under the flush lock). */
  private static final class Pending {
    private final Key key;
    private boolean done;
    private Claim result;
    private RuntimeException failure;
    private long statementStarted;
    private long statementEnded;
    private int batchSize;

    private Pending(Key key) {
      this.key = key;
    }
  }

  private final JdbcClient jdbc;
  private final Duration claimTimeout;
  private final Set<Key> unwritten = ConcurrentHashMap.newKeySet();
  private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
  private final ReentrantLock flushing = new ReentrantLock();
  private final BlockingQueue<Key> toWrite = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;

  WebhookEventIds(JdbcTemplate jdbc, Duration claimTimeout) {
    this.jdbc = JdbcClient.create(jdbc);
    this.claimTimeout = claimTimeout;
    this.writer = Thread.ofPlatform().name("webhook-event-ids").daemon().start(this::writeLoop);
  }

  /**
   * Claims {@code eventId} of this tenant for one delivery. Claims of concurrent deliveries share
   * one statement (a group commit without a timer): a delivery queues its claim, and whichever
   * delivery holds the flush lock claims everything queued at once, so while one statement runs,
   * the next batch forms. An idle instance runs each claim on its own. {@code trace} gets the
   * instants of the statement that claimed it and its batch's size, when recorded.
   */
  Claim claim(Tenant tenant, String eventId, WebhookRequestEvent trace) {
    Key key = key(tenant, eventId);
    if (unwritten.contains(key)) {
      return Claim.REPLAYED;
    }
    Pending mine = new Pending(key);
    queued.add(mine);
    flushing.lock();
    try {
      while (!mine.done) {
        flush();
      }
    } finally {
      flushing.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    trace.statementStarted = mine.statementStarted;
    trace.statementEnded = mine.statementEnded;
    trace.batchSize = mine.batchSize;
    // Accepted in the table (a claim released meanwhile reads as in flight), or accepted here a
    // moment ago and not yet written.
    return mine.result == Claim.IN_FLIGHT && unwritten.contains(key) ? Claim.REPLAYED : mine.result;
  }

  /** Claims up to {@value #MAX_BATCH} queued ids with one statement; called under the lock. */
  private void flush() {
    // Sorted and distinct: concurrent batches of two instances lock their rows in one order, and
    // an upsert may not touch a row twice. A repeated id in one batch is a racing delivery.
    Map<Key, List<Pending>> batch = new TreeMap<>(KEY_ORDER);
    for (int n = 0; n < MAX_BATCH; n++) {
      Pending next = queued.poll();
      if (next == null) {
        break;
      }
      batch.computeIfAbsent(next.key, k -> new ArrayList<>(1)).add(next);
    }
    try {
      // Two clock reads per batch, not per delivery: what WebhookRequestEvent reports.
      long started = System.nanoTime();
      Map<Key, Claim> found = claimAll(batch.keySet());
      long ended = System.nanoTime();
      int size = batch.size();
      batch.forEach(
          (key, deliveries) -> {
            Claim first = found.get(key);
            for (int i = 0; i < deliveries.size(); i++) {
              Pending delivery = deliveries.get(i);
              delivery.result = i == 0 || first != Claim.CLAIMED ? first : Claim.IN_FLIGHT;
              delivery.statementStarted = started;
              delivery.statementEnded = ended;
              delivery.batchSize = size;
            }
          });
    } catch (RuntimeException e) {
      fail(batch, e);
    } catch (Error e) {
      fail(batch, new IllegalStateException("Claiming webhook event ids failed", e));
      throw e;
    } finally {
      // Every delivery of the batch gets an answer, or its thread would wait for one for ever.
      batch.values().forEach(deliveries -> deliveries.forEach(d -> d.done = true));
    }
  }

  private static void fail(Map<Key, List<Pending>> batch, RuntimeException failure) {
    batch.values().forEach(deliveries -> deliveries.forEach(d -> d.failure = failure));
  }

  /**
   * Claims {@code keys} with an upsert that returns the ids it claimed (new ones, and lapsed claims
   * taken over). Only the ids it did not return — replays and racing deliveries, rare — are looked
   * up, by a second statement: reading {@code accepted} for every id in the upsert itself cost an
   * index probe per id, and matching its {@code RETURNING} rows to the batch's ids a scan of them
   * per id (ADR 0023, seventh pass). An id the second statement does not find was released in
   * between: its delivery is told to retry.
   */
  private Map<Key, Claim> claimAll(Collection<Key> keys) {
    Map<Key, Claim> found = new HashMap<>(keys.size() * 2);
    jdbc.sql(
            """
            INSERT INTO ingest.processed_notifications AS p
              (company_id, org_id, source, notification_id, accepted)
            SELECT company_id, org_id, 'WEBHOOK', event_id, false
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS w(company_id, org_id, event_id)
            ON CONFLICT (company_id, org_id, source, notification_id) DO UPDATE
              SET received_at = now()
              WHERE NOT p.accepted AND p.received_at < now() - make_interval(secs => ?)
            RETURNING p.company_id, p.org_id, p.notification_id
            """)
        .params(unnested(keys))
        .param(claimTimeout.toMillis() / 1000.0)
        .query(
            (RowCallbackHandler)
                row ->
                    found.put(
                        new Key(row.getLong(1), row.getString(2), row.getString(3)),
                        Claim.CLAIMED));
    if (found.size() == keys.size()) {
      return found;
    }
    List<Key> taken = keys.stream().filter(key -> !found.containsKey(key)).toList();
    jdbc.sql(
            """
            SELECT w.company_id, w.org_id, w.event_id,
                   (SELECT accepted FROM ingest.processed_notifications n
                     WHERE n.company_id = w.company_id AND n.org_id = w.org_id
                       AND n.source = 'WEBHOOK' AND n.notification_id = w.event_id)
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS w(company_id, org_id, event_id)
            """)
        .params(unnested(taken))
        .query(
            (RowCallbackHandler)
                row ->
                    found.put(
                        new Key(row.getLong(1), row.getString(2), row.getString(3)),
                        row.getBoolean(4) ? Claim.REPLAYED : Claim.IN_FLIGHT));
    return found;
  }

  /** Kafka acknowledged the claimed id's change: replays are refused from now on. */
  void accepted(Tenant tenant, String eventId) {
    Key key = key(tenant, eventId);
    unwritten.add(key);
    toWrite.add(key);
  }

  /** Kafka did not take the claimed id's change: the sender's retry may claim it again. */
  void release(Tenant tenant, String eventId) {
    jdbc.sql(
            "DELETE FROM ingest.processed_notifications WHERE company_id = ? AND org_id = ?"
                + " AND source = 'WEBHOOK' AND notification_id = ? AND NOT accepted")
        .params(tenant.companyId(), tenant.orgId().value(), eventId)
        .update();
  }

  /** Writes the acceptances still queued, then stops the writer. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    writer.interrupt();
    writer.join(TimeUnit.SECONDS.toMillis(10));
    List<Key> rest = new ArrayList<>();
    toWrite.drainTo(rest);
    if (!rest.isEmpty()) {
      write(rest);
    }
  }

  private void writeLoop() {
    List<Key> batch = new ArrayList<>(MAX_BATCH);
    while (!closing) {
      try {
        batch.add(toWrite.take());
        Thread.sleep(WRITE_LINGER);
        toWrite.drainTo(batch, MAX_BATCH - 1);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        toWrite.addAll(batch);
        return;
      } catch (RuntimeException e) {
        // Still refused in this instance's memory; the table catches up when the database is back.
        LOG.warn(
            "Could not mark {} webhook event ids accepted; retrying: {}",
            batch.size(),
            e.toString());
        toWrite.addAll(batch);
        batch.clear();
        try {
          Thread.sleep(RETRY_AFTER_FAILURE);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * One upsert per batch that sets {@code accepted} on the claims' rows, in the claims' key order.
   * Its conflicts are found through the primary key whatever the table's statistics say: not an
   * {@code UPDATE … FROM unnest(…)}, whose plan on a table that grew faster than autovacuum
   * analysed it (a new deployment, the benchmark) was a hash join over a sequential scan of the
   * whole table, 50–270 ms per batch. Not a JDBC batch of one primary-key update per id either: on
   * PostgreSQL 15 that cost 23–31 µs of the server's CPU per id against 14 µs for the upsert (ADR
   * 0023, seventh pass). A row no longer there (purged, or deleted by hand) is written again as
   * accepted: Kafka has the change, so its replays are refused.
   */
  private void write(List<Key> batch) {
    // Distinct as well: an upsert may not touch a row twice.
    Set<Key> ordered = new TreeSet<>(KEY_ORDER);
    ordered.addAll(batch);
    jdbc.sql(
            """
            INSERT INTO ingest.processed_notifications AS p
              (company_id, org_id, source, notification_id, accepted)
            SELECT company_id, org_id, 'WEBHOOK', event_id, true
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS w(company_id, org_id, event_id)
            ON CONFLICT (company_id, org_id, source, notification_id) DO UPDATE SET accepted = true
            """)
        .params(unnested(ordered))
        .update();
    batch.forEach(unwritten::remove);
  }

  /** The ids as the three arrays the statements unnest: companies, orgs and event ids. */
  private static Object[] unnested(Collection<Key> keys) {
    return new Object[] {
      keys.stream().map(Key::companyId).toArray(Long[]::new),
      keys.stream().map(Key::orgId).toArray(String[]::new),
      keys.stream().map(Key::eventId).toArray(String[]::new)
    };
  }

  private static Key key(Tenant tenant, String eventId) {
    return new Key(tenant.companyId(), tenant.orgId().value(), eventId);
  }
}
