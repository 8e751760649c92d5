package com.caskr.sync.mapping.outbox;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: {@link #append(SyncEvent)} writes an event in the caller's database
 * transaction, so the event exists if and only if the change it describes was committed. The {@link
 * OutboxRelay} publishes it to its catalogue topic after the commit.
 *
 * <p>Append after writing the row the event describes: the row lock then orders the outbox ids of
 * one record by commit, which is what keeps per-key order on the topic.
 */
public final class Outbox {

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
    jdbc.sql(
            "INSERT INTO mapping.outbox_events (company_id, topic, message_key, payload, headers)"
                + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb)")
        .params(
            event.tenant().companyId(),
            TopicCatalogue.topicFor(event).name(),
            event.kafkaKey(),
            EventJson.mapper().writeValueAsString(event),
            EventJson.mapper().writeValueAsString(headers))
        .update();
    if (!TransactionSynchronizationManager.hasResource(this)) {
      TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
              if (status == STATUS_COMMITTED) {
                afterCommit.run();
              }
            }
          });
    }
  }
}
