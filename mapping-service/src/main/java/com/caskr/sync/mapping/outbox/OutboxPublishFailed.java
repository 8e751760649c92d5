package com.caskr.sync.mapping.outbox;

/** Kafka did not acknowledge an outbox row; it stays in the outbox and is retried. */
public final class OutboxPublishFailed extends RuntimeException {

  OutboxPublishFailed(long rowId, Throwable cause) {
    super("Kafka did not acknowledge outbox row " + rowId + ": " + cause, cause);
  }
}
