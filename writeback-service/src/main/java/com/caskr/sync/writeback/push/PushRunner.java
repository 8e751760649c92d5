package com.caskr.sync.writeback.push;

import com.caskr.sync.writeback.plan.PassLoop;
import com.caskr.sync.writeback.plan.Pusher;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link Pusher} passes on one thread: straight after a pass that claimed something, after the
 * poll interval otherwise. A failed pass leaves its edits leased; they come back when the lease
 * ends.
 */
final class PushRunner implements SmartLifecycle {

  private final PassLoop loop;

  PushRunner(Pusher pusher, Duration pollInterval, int claimLimit, Runnable afterPass) {
    this.loop =
        new PassLoop(
            "writeback-push",
            pollInterval,
            () -> {
              boolean full = pusher.pushOnce() >= claimLimit;
              afterPass.run();
              return full;
            },
            "Write-back pass failed; its edits return when their lease ends");
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }
}
