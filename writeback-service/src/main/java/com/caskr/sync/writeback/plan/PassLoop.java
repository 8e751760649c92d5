package com.caskr.sync.writeback.plan;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs passes of some work on one daemon thread between {@link #start()} and {@link #stop()}: the
 * next pass straight away when a pass says more may be waiting, after the poll interval otherwise,
 * and after the poll interval when a pass threw (logged with the given message).
 */
public final class PassLoop {

  private static final Logger log = LoggerFactory.getLogger(PassLoop.class);

  private final String threadName;
  private final Duration pollInterval;
  private final BooleanSupplier pass;
  private final String failureMessage;
  private ScheduledExecutorService executor;

  /**
   * @param pass one pass; returns true when more may be waiting
   * @param failureMessage the log line of a pass that threw: what becomes of its work
   */
  public PassLoop(
      String threadName, Duration pollInterval, BooleanSupplier pass, String failureMessage) {
    this.threadName = threadName;
    this.pollInterval = pollInterval;
    this.pass = pass;
    this.failureMessage = failureMessage;
  }

  /** Starts the first pass. */
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name(threadName).daemon().unstarted(runnable));
    executor.execute(this::pass);
  }

  private void pass() {
    long delay = pollInterval.toMillis();
    try {
      if (pass.getAsBoolean()) {
        delay = 0;
      }
    } catch (RuntimeException e) {
      log.warn(failureMessage, e);
    }
    ScheduledExecutorService current = executor;
    if (current != null && !current.isShutdown()) {
      current.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
    }
  }

  /** Interrupts the running pass, and waits up to 30 seconds for it to end. */
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

  public synchronized boolean isRunning() {
    return executor != null;
  }
}
