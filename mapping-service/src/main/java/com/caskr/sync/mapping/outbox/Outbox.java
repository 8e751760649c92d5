package com.caskr.sync.mapping.outbox;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: {@link #append(SyncEvent)} adds an event to the caller's database
 * transaction, so the event exists if and only if the change it describes was committed. The {@link
 * OutboxRelay} publishes it to its catalogue topic after the commit.
 *
 * <p>Appended events are written just before the transaction commits, in append order, with one
 * {@code INSERT … SELECT … FROM unnest(…)} (a batch of changes appends hundreds): still inside the
 * transaction and under the row locks it took. Append after writing the row the event describes:
 * the row lock then orders the outbox ids of one record by commit, which is what keeps per-key
 * order on the topic.
 *
 * <p>The payload is the event as the producer's {@link EventSerializer} writes it, checked against
 * its topic here: the relay sends the stored JSON as it is, without reading it back (ADR 0021,
 * "Fifth pass: throughput"), so an event that is not valid for its topic fails the append and rolls
 * back the transaction instead of reaching Kafka.
 */
public final class Outbox {

  private static final EventSerializer SERIALIZER = new EventSerializer();

  private final JdbcClient jdbc;
  private final Runnable afterCommit;

  /**
   * @param afterCommit run once per committed transaction that appended events (wakes the relay)
   */
  public Outbox(JdbcClient jdbc, Runnable afterCommit) {
    this.jdbc = jdbc;
    this.afterCommit = afterCommit;
  }

  /**
   * Adds {@code event} to the outbox, to be published to {@code TopicCatalogue.topicFor(event)}
   * with key {@code event.kafkaKey()} once the current transaction commits.
   *
   * @throws IllegalStateException when no transaction is active: an outbox row written on its own
   *     could announce a change that never commits, or be lost while the change commits
   * @throws org.apache.kafka.common.errors.SerializationException when the event cannot be written
   *     as a valid event of its topic
   */
  public void append(SyncEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Outbox.append needs the transaction that writes the change it announces");
    }
    String topic = TopicCatalogue.topicFor(event).name();
    String payload = new String(SERIALIZER.serialize(topic, event), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(OutboxRelay.EVENT_ID_HEADER, event.eventId().toString());
    headers.put(OutboxRelay.TRACE_ID_HEADER, event.traceId());
    pending()
        .add(
            new Row(
                event.tenant().companyId(),
                topic,
                event.kafkaKey(),
                payload,
                EventJson.mapper().writeValueAsString(headers)));
  }

  /** The rows appended in the current transaction, written before it commits. */
  private List<Row> pending() {
    @SuppressWarnings("unchecked")
    List<Row> rows = (List<Row>) TransactionSynchronizationManager.getResource(this);
    if (rows != null) {
      return rows;
    }
    List<Row> appended = new ArrayList<>();
    TransactionSynchronizationManager.bindResource(this, appended);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            write(appended);
          }

          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            if (status == STATUS_COMMITTED && !appended.isEmpty()) {
              afterCommit.run();
            }
          }
        });
    return appended;
  }

  private void write(List<Row> rows) {
    int n = rows.size();
    Long[] companies = new Long[n];
    String[] topics = new String[n];
    String[] keys = new String[n];
    String[] payloads = new String[n];
    String[] headers = new String[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      companies[i] = row.companyId();
      topics[i] = row.topic();
      keys[i] = row.key();
      payloads[i] = row.payload();
      headers[i] = row.headers();
    }
    // One statement text whatever the batch size (prepared once per connection); ids are given in
    // append order (ORDER BY the ordinality), which keeps per-key order.
    jdbc.sql(
            "INSERT INTO mapping.outbox_events (company_id, topic, message_key, payload, headers)"
                + " SELECT u.company_id, u.topic, u.message_key, u.payload, u.headers::jsonb"
                + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS u(company_id, topic, message_key, payload, headers, n)"
                + " ORDER BY u.n")
        .params(companies, topics, keys, payloads, headers)
        .update();
  }

  /** An appended event as its outbox columns (payload and headers as JSON text). */
  private record Row(long companyId, String topic, String key, String payload, String headers) {}
}
