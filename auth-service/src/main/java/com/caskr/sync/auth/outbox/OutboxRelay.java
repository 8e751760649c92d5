package com.caskr.sync.auth.outbox;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code auth.outbox_events} to Kafka in id order and marks each row published only after
 * Kafka acknowledged it (the template's producer uses {@code acks=all}). One record at a time: a
 * later event of a company never overtakes an earlier one that failed, which on a compacted topic
 * would leave a stale state as the company's last word.
 *
 * <p>A round holds the transaction-scoped advisory lock ({@link #LOCK_NAMESPACE}, 0): with two
 * instances one publishes and the other skips the round. When Kafka does not answer, the row stays
 * (its attempts and last error are recorded) and rounds pause, doubling from the interval up to the
 * maximum backoff. Delivery is at least once: if the instance dies between the acknowledgement and
 * the commit, the row is published again with the same event id, which consumers deduplicate.
 */
public final class OutboxRelay {

  /** "OUTX" in ASCII; the connection store's locks use another namespace. */
  static final int LOCK_NAMESPACE = 0x4F555458;

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int MAX_ERROR = 500;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, SyncEvent> kafka;
  private final OutboxProperties properties;
  private final Clock clock;
  private int failedRounds;
  private Instant pausedUntil = Instant.MIN;

  public OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, SyncEvent> kafka,
      OutboxProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
  }

  private record Pending(long id, UUID eventId, String topic, String key, String payload) {}

  /** A round on the relay's schedule. */
  @Scheduled(
      initialDelayString = "${auth.outbox.interval}",
      fixedDelayString = "${auth.outbox.interval}")
  public void scheduled() {
    publishPending();
  }

  /**
   * Publishes what is pending, oldest first, until the batch is done or Kafka fails.
   *
   * @return how many rows were published; 0 also when paused after a failure or when another
   *     instance holds the relay lock
   */
  public synchronized int publishPending() {
    if (clock.instant().isBefore(pausedUntil)) {
      return 0;
    }
    Round round = transactions.execute(status -> round());
    if (round == null || round.failure() == null) {
      failedRounds = 0;
      pausedUntil = Instant.MIN;
      return round == null ? 0 : round.published();
    }
    failedRounds++;
    Duration pause = backoff(failedRounds);
    pausedUntil = clock.instant().plus(pause);
    log.warn(
        "outbox relay: published {} event(s), then event {} could not be published ({}); retrying"
            + " in {}",
        round.published(),
        round.failedEventId(),
        round.failure(),
        pause);
    return round.published();
  }

  private record Round(int published, UUID failedEventId, String failure) {}

  private Round round() {
    boolean mine =
        Boolean.TRUE.equals(
            jdbc.sql("select pg_try_advisory_xact_lock(:namespace, 0)")
                .param("namespace", LOCK_NAMESPACE)
                .query(Boolean.class)
                .single());
    if (!mine) {
      return new Round(0, null, null);
    }
    List<Pending> pending =
        jdbc.sql(
                """
                select id, event_id, topic, message_key, payload::text as payload
                  from outbox_events
                 where published_at is null
                 order by id
                 limit :batch
                """)
            .param("batch", properties.batchSize())
            .query(
                (rs, n) ->
                    new Pending(
                        rs.getLong("id"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("topic"),
                        rs.getString("message_key"),
                        rs.getString("payload")))
            .list();
    int published = 0;
    for (Pending row : pending) {
      String failure = publish(row);
      if (failure != null) {
        jdbc.sql(
                """
                update outbox_events set attempts = attempts + 1, last_error = :error
                 where id = :id
                """)
            .param(
                "error", failure.length() <= MAX_ERROR ? failure : failure.substring(0, MAX_ERROR))
            .param("id", row.id())
            .update();
        return new Round(published, row.eventId(), failure);
      }
      jdbc.sql("update outbox_events set published_at = now() where id = :id")
          .param("id", row.id())
          .update();
      published++;
    }
    return new Round(published, null, null);
  }

  /** Sends one row and waits for its acknowledgement; null on success, else why not. */
  private String publish(Pending row) {
    try {
      Topic topic =
          TopicCatalogue.byName(row.topic())
              .orElseThrow(() -> new IllegalStateException("topic not in the catalogue"));
      SyncEvent event = EventJson.mapper().readValue(row.payload(), topic.valueType());
      kafka
          .send(row.topic(), row.key(), event)
          .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return describe(cause);
    } catch (TimeoutException | RuntimeException e) {
      return describe(e);
    }
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root.getClass().getSimpleName() + message;
  }

  private Duration backoff(int failures) {
    Duration pause = properties.interval();
    for (int i = 1; i < failures && pause.compareTo(properties.maxBackoff()) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : pause;
  }
}
