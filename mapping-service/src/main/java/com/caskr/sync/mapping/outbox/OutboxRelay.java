package com.caskr.sync.mapping.outbox;

import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Publishes committed outbox rows to Kafka in id order and deletes them only after Kafka
 * acknowledged them (the producer runs with {@code acks=all} and idempotence): the table holds
 * exactly the rows still to publish.
 *
 * <p>One relay publishes at a time across all instances (a transaction-scoped advisory lock): two
 * relays working on separate batches could overtake each other and break per-key order. A row is
 * published at least once: if the deleting transaction fails after Kafka acknowledged, the row is
 * sent again with the same event id, which consumers deduplicate.
 *
 * <p>A row's payload is sent as the text stored for it (the bytes the producer's serializer wrote
 * in {@link Outbox#append}; rows written before V9 hold PostgreSQL's {@code jsonb} rendering of the
 * same JSON), not parsed and written again: {@link Outbox} validated the event for its topic when
 * it appended it. A row for a topic the catalogue does not know is refused like a row Kafka did not
 * acknowledge.
 */
public final class OutboxRelay {

  /** Kafka header carrying the event id. */
  public static final String EVENT_ID_HEADER = "eventId";

  /** Kafka header carrying the trace id. */
  public static final String TRACE_ID_HEADER = "traceId";

  /** Advisory lock key: "outbox" in ASCII. */
  static final long RELAY_LOCK = 0x6f7574626f78L;

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaOperations<String, byte[]> kafka;
  private final int batchSize;
  private final Duration sendTimeout;

  public OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaOperations<String, byte[]> kafka,
      int batchSize,
      Duration sendTimeout) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.batchSize = batchSize;
    this.sendTimeout = sendTimeout;
  }

  /**
   * Publishes up to one batch of unpublished rows, oldest first.
   *
   * @return the number of rows published and deleted; 0 when there was nothing to do or another
   *     relay holds the lock
   * @throws OutboxPublishFailed when Kafka did not acknowledge a row; the rows acknowledged before
   *     it are deleted, the rest stay for the next attempt
   */
  public int publishPending() {
    Batch batch = transactions.execute(status -> publishBatch());
    if (batch == null) {
      return 0;
    }
    if (batch.failure() != null) {
      throw batch.failure();
    }
    return batch.published();
  }

  /** Rows not yet acknowledged by Kafka. */
  public long pending() {
    return jdbc.sql("SELECT count(*) FROM mapping.outbox_events").query(Long.class).single();
  }

  private Batch publishBatch() {
    Boolean locked =
        // The outbox is a queue: the rows the relay deleted stay in the heap until autovacuum,
        // which
        // analyses the table while it is nearly empty. The planner then reads the backlog with a
        // sequential scan over every dead row (40-130 ms per pass in the benchmark's latency run,
        // ADR 0021). Walking the primary key in id order skips them, so this transaction plans
        // without sequential scans.
        jdbc.sql("SELECT pg_try_advisory_xact_lock(?), set_config('enable_seqscan', 'off', true)")
            .param(RELAY_LOCK)
            .query((rs, n) -> rs.getBoolean(1))
            .single();
    if (!Boolean.TRUE.equals(locked)) {
      return new Batch(0, null);
    }
    List<Row> rows =
        jdbc.sql(
                "SELECT id, topic, message_key, payload, headers::text AS headers"
                    + " FROM mapping.outbox_events ORDER BY id LIMIT ?")
            .param(batchSize)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong("id"),
                        rs.getString("topic"),
                        rs.getString("message_key"),
                        rs.getString("payload"),
                        rs.getString("headers")))
            .list();
    if (rows.isEmpty()) {
      return new Batch(0, null);
    }
    List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
    OutboxPublishFailed refused = null;
    for (Row row : rows) {
      try {
        sends.add(kafka.send(row.toRecord()));
      } catch (RuntimeException e) {
        refused = new OutboxPublishFailed(row.id(), e);
        break;
      }
    }
    // The rows sent before a refused one still count once Kafka acknowledged them.
    OutboxPublishFailed failure = null;
    List<Long> acknowledged = new ArrayList<>();
    for (int i = 0; i < sends.size() && failure == null; i++) {
      try {
        sends.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        acknowledged.add(rows.get(i).id());
      } catch (ExecutionException e) {
        failure = new OutboxPublishFailed(rows.get(i).id(), e.getCause());
      } catch (TimeoutException e) {
        failure = new OutboxPublishFailed(rows.get(i).id(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new OutboxPublishFailed(rows.get(i).id(), e);
      }
    }
    if (!acknowledged.isEmpty()) {
      jdbc.sql("DELETE FROM mapping.outbox_events WHERE id = ANY(?)")
          .param(acknowledged.toArray(Long[]::new))
          .update();
    }
    return new Batch(acknowledged.size(), failure != null ? failure : refused);
  }

  private record Batch(int published, OutboxPublishFailed failure) {}

  private record Row(long id, String topic, String key, String payload, String headers) {

    ProducerRecord<String, byte[]> toRecord() {
      if (TopicCatalogue.byName(topic).isEmpty()) {
        throw new IllegalStateException("Outbox row " + id + ": unknown topic");
      }
      RecordHeaders recordHeaders = new RecordHeaders();
      EventJson.mapper()
          .readValue(headers, HEADERS)
          .forEach(
              (name, value) -> {
                if (value != null) {
                  recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8));
                }
              });
      return new ProducerRecord<>(
          topic, null, key, payload.getBytes(StandardCharsets.UTF_8), recordHeaders);
    }
  }
}
