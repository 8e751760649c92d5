package com.caskr.sync.writeback.push;

import com.caskr.sync.writeback.plan.Pusher;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link Pusher} passes on one thread: straight after a pass that claimed something, after the
 * poll interval otherwise. A failed pass leaves its edits leased; they come back when the lease
 * ends.
 */
final class PushRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PushRunner.class);

  private final Pusher pusher;
  private final Duration pollInterval;
  private final int claimLimit;
  private final Runnable afterPass;
  private ScheduledExecutorService executor;

  PushRunner(Pusher pusher, Duration pollInterval, int claimLimit, Runnable afterPass) {
    this.pusher = pusher;
    this.pollInterval = pollInterval;
    this.claimLimit = claimLimit;
    this.afterPass = afterPass;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("writeback-push").daemon().unstarted(runnable));
    executor.execute(this::pass);
  }

  private void pass() {
    long delay = pollInterval.toMillis();
    try {
      if (pusher.pushOnce() >= claimLimit) {
        delay = 0;
      }
      afterPass.run();
    } catch (RuntimeException e) {
      log.warn("Write-back pass failed; its edits return when their lease ends", e);
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
