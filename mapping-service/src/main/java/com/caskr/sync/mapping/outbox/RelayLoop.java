package com.caskr.sync.mapping.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link OutboxRelay} on its own thread: right after a transaction that appended events
 * commits ({@link #wake()}), and every poll interval for rows committed by other instances or left
 * by a failed attempt. After a failure it waits one poll interval before trying again.
 */
final class RelayLoop implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RelayLoop.class);

  private final OutboxRelay relay;
  private final Duration pollInterval;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile Thread thread;

  RelayLoop(OutboxRelay relay, Duration pollInterval) {
    this.relay = relay;
    this.pollInterval = pollInterval;
  }

  void wake() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  @Override
  public synchronized void start() {
    if (thread == null) {
      // Assigned before it starts: run() keeps going only while it is the current thread, and a
      // thread started first could read null here and end before its first pass.
      Thread relay = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
      thread = relay;
      relay.start();
    }
  }

  @Override
  public synchronized void stop() {
    Thread running = thread;
    thread = null;
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  private void run() {
    Thread self = Thread.currentThread();
    while (thread == self && !self.isInterrupted()) {
      try {
        while (thread == self && relay.publishPending() > 0) {
          wakeUps.drainPermits();
        }
      } catch (OutboxPublishFailed e) {
        LOG.warn("Outbox relay will retry: {}", e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("Outbox relay pass failed; retrying after {}", pollInterval, e);
      }
      try {
        wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
