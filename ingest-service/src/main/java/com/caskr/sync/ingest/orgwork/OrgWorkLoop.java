package com.caskr.sync.ingest.orgwork;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a scheduler of per-org work: a tick at a fixed delay on one daemon thread, and the
 * work the tick starts on virtual threads. A tick that throws is logged and the next tick runs as
 * usual.
 */
public final class OrgWorkLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrgWorkLoop.class);

  private final String name;
  private final Duration closeGrace;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService ticker;

  /**
   * @param name names the ticker thread and the log lines of failed ticks
   * @param closeGrace how long {@link #close()} lets running work finish before interrupting it
   */
  public OrgWorkLoop(String name, Duration closeGrace) {
    this.name = name;
    this.closeGrace = closeGrace;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name(name).daemon().unstarted(runnable));
  }

  /** Runs {@code tick} every {@code every}, the first time after one delay. */
  public void start(Duration every, Runnable tick) {
    ticker.scheduleWithFixedDelay(
        () -> tickSafely(tick), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely(Runnable tick) {
    try {
      tick.run();
    } catch (RuntimeException e) {
      log.warn("{} tick failed; trying again at the next tick", name, e);
    }
  }

  /** Runs {@code work} on a virtual thread of its own. */
  public void submit(Runnable work) {
    workers.execute(work);
  }

  /** Stops ticking, and waits up to the grace period for running work before interrupting it. */
  @Override
  public void close() {
    ticker.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
