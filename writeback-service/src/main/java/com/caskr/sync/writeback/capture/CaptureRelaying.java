package com.caskr.sync.writeback.capture;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link TriggerLogRelay} passes on one thread while the application runs: straight after a
 * full pass (there may be more), after the poll interval otherwise, and after a backoff of the same
 * length when Kafka or the database failed.
 */
final class CaptureRelaying implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CaptureRelaying.class);

  private final TriggerLogRelay relay;
  private final Duration pollInterval;
  private final int batchSize;
  private ScheduledExecutorService executor;

  CaptureRelaying(TriggerLogRelay relay, Duration pollInterval, int batchSize) {
    this.relay = relay;
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("trigger-log-relay").daemon().unstarted(runnable));
    executor.execute(this::pass);
  }

  private void pass() {
    long delay = pollInterval.toMillis();
    try {
      if (relay.relayOnce() >= batchSize) {
        delay = 0;
      }
    } catch (RuntimeException e) {
      log.warn("Trigger-log relay pass failed; rows stay unsent and go in a later pass", e);
    }
    ScheduledExecutorService current = executor;
    if (current != null && !current.isShutdown()) {
      current.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
