package com.caskr.sync.writeback.capture;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.CaskrOperation;
import com.caskr.sync.schema.events.CaskrRowChanged;
import com.caskr.sync.schema.events.CustomerChanged;
import com.caskr.sync.schema.events.OrderChanged;
import com.caskr.sync.schema.events.PortalUserChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.writeback.running.ExclusivePass;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Publishes {@code writeback.trigger_log} to {@code caskr.<entity>.changed.v1}.
 *
 * <p>One pass is one database transaction: it takes a transaction-level advisory lock (so of
 * several instances one relays at a time and the others skip the pass), reads unsent rows in id
 * order below the ordering horizon (rows of transactions that can no longer be in flight, see the
 * V1 migration), sends them, waits for every acknowledgement ({@code acks=all}) and only then sets
 * {@code sent_at}. A failed send rolls the pass back: the rows go again in the next pass. The event
 * id derives from the log row's id, so a row sent twice (a crash between the acknowledgement and
 * the commit) is recognisable as one event downstream.
 */
final class TriggerLogRelay {

  /** Arbitrary but fixed: the key of the advisory lock that serialises relays. */
  static final long RELAY_LOCK = 0x77726974656c6f67L;

  private static final TypeReference<Map<String, Object>> IMAGE = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ExclusivePass pass;
  private final KafkaTemplate<String, SyncEvent> kafka;
  private final int batchSize;

  TriggerLogRelay(
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
   * One pass: returns how many rows were published (0 when there was nothing to send or another
   * instance holds the relay). Throws when Kafka did not acknowledge; nothing is marked sent then.
   */
  int relayOnce() {
    return pass.run(RELAY_LOCK, this::relayInTransaction);
  }

  private int relayInTransaction() {
    List<LoggedRow> rows =
        jdbc.sql(
                """
                SELECT id, company_id, entity, caskr_id, operation, changed_columns,
                       old_values::text AS old_values, new_values::text AS new_values,
                       transaction_id::text AS transaction_id, captured_at
                  FROM writeback.trigger_log
                 WHERE sent_at IS NULL
                   AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                 ORDER BY id
                 LIMIT :limit
                """)
            .param("limit", batchSize)
            .query((rs, n) -> LoggedRow.from(rs))
            .list();
    if (rows.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<SendResult<String, SyncEvent>>> acks = new ArrayList<>(rows.size());
    for (LoggedRow row : rows) {
      CaskrRowChanged event = row.toEvent();
      acks.add(kafka.send(TopicCatalogue.topicFor(event).name(), event.kafkaKey(), event));
    }
    pass.awaitAcknowledged(acks, "trigger-log batch");
    jdbc.sql("UPDATE writeback.trigger_log SET sent_at = now() WHERE id = ANY(:ids)")
        .param("ids", rows.stream().map(LoggedRow::id).toArray(Long[]::new))
        .update();
    recordRelayed(acks);
    return rows.size();
  }

  /** The highest acknowledged offset per partition: claims wait until the intake queued it. */
  private void recordRelayed(List<CompletableFuture<SendResult<String, SyncEvent>>> acks) {
    Map<String, RecordMetadata> highest = new HashMap<>();
    for (CompletableFuture<SendResult<String, SyncEvent>> ack : acks) {
      RecordMetadata sent = ack.join().getRecordMetadata();
      highest.merge(
          sent.topic() + "/" + sent.partition(), sent, (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    // In the intake's order (topic, then partition): the two upserts cannot deadlock.
    List<RecordMetadata> positions =
        highest.values().stream()
            .sorted(
                Comparator.comparing(RecordMetadata::topic)
                    .thenComparingInt(RecordMetadata::partition))
            .toList();
    jdbc.sql(
            """
            INSERT INTO writeback.kafka_positions (topic, partition, relayed)
            SELECT * FROM unnest(CAST(:topics AS text[]), CAST(:partitions AS integer[]),
                                 CAST(:offsets AS bigint[]))
            ON CONFLICT (topic, partition) DO UPDATE
                SET relayed = greatest(kafka_positions.relayed, excluded.relayed)
            """)
        .param("topics", positions.stream().map(RecordMetadata::topic).toArray(String[]::new))
        .param(
            "partitions", positions.stream().map(RecordMetadata::partition).toArray(Integer[]::new))
        .param("offsets", positions.stream().map(RecordMetadata::offset).toArray(Long[]::new))
        .update();
  }

  private record LoggedRow(
      long id,
      long companyId,
      String entity,
      long caskrId,
      CaskrOperation operation,
      List<String> changedColumns,
      Map<String, Object> before,
      Map<String, Object> after,
      long transactionId,
      Instant capturedAt) {

    static LoggedRow from(ResultSet rs) throws SQLException {
      Array columns = rs.getArray("changed_columns");
      return new LoggedRow(
          rs.getLong("id"),
          rs.getLong("company_id"),
          rs.getString("entity"),
          rs.getLong("caskr_id"),
          CaskrOperation.valueOf(rs.getString("operation")),
          List.of((String[]) columns.getArray()),
          image(rs.getString("old_values")),
          image(rs.getString("new_values")),
          Long.parseLong(rs.getString("transaction_id")),
          rs.getTimestamp("captured_at").toInstant());
    }

    private static Map<String, Object> image(String json) {
      return json == null ? null : EventJson.mapper().readValue(json, IMAGE);
    }

    CaskrRowChanged toEvent() {
      UUID eventId =
          UUID.nameUUIDFromBytes(("writeback.trigger_log/" + id).getBytes(StandardCharsets.UTF_8));
      Tenant tenant = Tenant.withoutOrg(companyId);
      String traceId = eventId.toString().replace("-", "");
      return switch (entity) {
        case "customer" ->
            new CustomerChanged(
                eventId,
                CustomerChanged.SCHEMA_VERSION,
                tenant,
                caskrId,
                operation,
                changedColumns,
                before,
                after,
                transactionId,
                capturedAt,
                traceId);
        case "order" ->
            new OrderChanged(
                eventId,
                OrderChanged.SCHEMA_VERSION,
                tenant,
                caskrId,
                operation,
                changedColumns,
                before,
                after,
                transactionId,
                capturedAt,
                traceId);
        case "portal-user" ->
            new PortalUserChanged(
                eventId,
                PortalUserChanged.SCHEMA_VERSION,
                tenant,
                caskrId,
                operation,
                changedColumns,
                before,
                after,
                transactionId,
                capturedAt,
                traceId);
        default -> throw new IllegalStateException("Unknown entity in trigger_log: " + entity);
      };
    }
  }
}
