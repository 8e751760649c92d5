package com.caskr.sync.writeback.running;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the relays (trigger log, conflict outbox) share: a pass is one transaction holding a
 * transaction-level advisory lock, so of several instances one relays at a time and per-key order
 * holds; rows are marked sent only after Kafka acknowledged every send of the pass.
 */
public final class ExclusivePass {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Duration sendTimeout;

  public ExclusivePass(JdbcClient jdbc, TransactionTemplate transactions, Duration sendTimeout) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.sendTimeout = sendTimeout;
  }

  /**
   * Runs {@code pass} in a new transaction that holds the advisory lock {@code lockKey}.
   *
   * @return what the pass returned; 0 when another instance holds the lock
   */
  public int run(long lockKey, IntSupplier pass) {
    Integer result =
        transactions.execute(
            status -> {
              boolean mine =
                  jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                      .param("key", lockKey)
                      .query(Boolean.class)
                      .single();
              return mine ? pass.getAsInt() : 0;
            });
    return result == null ? 0 : result;
  }

  /**
   * Waits for every acknowledgement of the pass; throws (rolling the pass back, so its rows go
   * again) when one failed or the send timeout passed.
   */
  public void awaitAcknowledged(List<? extends CompletableFuture<?>> acks, String what) {
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the " + what, e);
    }
  }
}
