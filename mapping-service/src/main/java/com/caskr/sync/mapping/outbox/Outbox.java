package com.caskr.sync.mapping.outbox;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
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
 * <p>Appended events are written just before the transaction commits, in append order, as multi-row
 * inserts (a batch of changes appends hundreds): still inside the transaction and under the row
 * locks it took. Append after writing the row the event describes: the row lock then orders the
 * outbox ids of one record by commit, which is what keeps per-key order on the topic.
 */
public final class Outbox {

  /** Rows per INSERT statement (5 parameters each, well below PostgreSQL's 65,535). */
  private static final int ROWS_PER_INSERT = 500;

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
   */
  public void append(SyncEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Outbox.append needs the transaction that writes the change it announces");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(OutboxRelay.EVENT_ID_HEADER, event.eventId().toString());
    headers.put(OutboxRelay.TRACE_ID_HEADER, event.traceId());
    pending()
        .add(
            List.of(
                event.tenant().companyId(),
                TopicCatalogue.topicFor(event).name(),
                event.kafkaKey(),
                EventJson.mapper().writeValueAsString(event),
                EventJson.mapper().writeValueAsString(headers)));
  }

  /** The rows appended in the current transaction, written before it commits. */
  private List<List<Object>> pending() {
    @SuppressWarnings("unchecked")
    List<List<Object>> rows =
        (List<List<Object>>) TransactionSynchronizationManager.getResource(this);
    if (rows != null) {
      return rows;
    }
    List<List<Object>> appended = new ArrayList<>();
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

  private void write(List<List<Object>> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      List<Object> params = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (List<Object> row : chunk) {
        values.add("(?, ?, ?, ?::jsonb, ?::jsonb)");
        params.addAll(row);
      }
      jdbc.sql(
              "INSERT INTO mapping.outbox_events (company_id, topic, message_key, payload, headers)"
                  + " VALUES "
                  + String.join(", ", values))
          .params(params)
          .update();
    }
  }
}
