package com.caskr.sync.writeback.store;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.writeback.running.ExclusivePass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code writeback.outbox} (V3) after the transactions that wrote it committed: one pass
 * is one transaction that takes an advisory lock (one relay at a time across instances, so per-key
 * order holds), reads unsent rows in id order, sends them, waits for every acknowledgement and only
 * then sets {@code sent_at}. A failed send rolls the pass back and the rows go again.
 */
final class OutboxRelay {

  /** Arbitrary but fixed: the advisory lock of this relay ("wboutbox"). */
  static final long RELAY_LOCK = 0x77626f7574626f78L;

  private final JdbcClient jdbc;
  private final ExclusivePass pass;
  private final KafkaTemplate<String, SyncEvent> kafka;
  private final int batchSize;

  OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, SyncEvent> kafka,
      int batchSize,
      Duration sendTimeout) {
    this.jdbc = jdbc;
    this.pass = new ExclusivePass(jdbc, transactions, sendTimeout);
    this.kafka = kafka;
    this.batchSize = batchSize;
  }

  /**
   * Adds an event to the outbox in the caller's transaction.
   *
   * @throws IllegalStateException outside a transaction: the event could announce a change that
   *     never commits
   */
  static void append(JdbcClient jdbc, SyncEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("An outbox event needs the transaction of its change");
    }
    jdbc.sql(
            "INSERT INTO writeback.outbox (company_id, topic, message_key, payload)"
                + " VALUES (:company, :topic, :key, :payload::jsonb)")
        .param("company", event.tenant().companyId())
        .param("topic", TopicCatalogue.topicFor(event).name())
        .param("key", event.kafkaKey())
        .param("payload", EventJson.mapper().writeValueAsString(event))
        .update();
  }

  /** One pass: how many rows were published (0: none waiting, or another instance relays). */
  int relayOnce() {
    return pass.run(RELAY_LOCK, this::relayInTransaction);
  }

  private int relayInTransaction() {
    List<Long> ids = new ArrayList<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    jdbc.sql(
            "SELECT id, topic, message_key, payload::text AS payload FROM writeback.outbox"
                + " WHERE sent_at IS NULL ORDER BY id LIMIT :limit")
        .param("limit", batchSize)
        .query(
            rs -> {
              long id = rs.getLong("id");
              Topic topic =
                  TopicCatalogue.byName(rs.getString("topic"))
                      .orElseThrow(
                          () -> new IllegalStateException("Outbox row " + id + ": unknown topic"));
              SyncEvent event =
                  EventJson.mapper().readValue(rs.getString("payload"), topic.valueType());
              ids.add(id);
              acks.add(kafka.send(topic.name(), rs.getString("message_key"), event));
            });
    if (ids.isEmpty()) {
      return 0;
    }
    pass.awaitAcknowledged(acks, "outbox batch");
    jdbc.sql("UPDATE writeback.outbox SET sent_at = now() WHERE id = ANY(:ids)")
        .param("ids", ids.toArray(Long[]::new))
        .update();
    return ids.size();
  }
}
