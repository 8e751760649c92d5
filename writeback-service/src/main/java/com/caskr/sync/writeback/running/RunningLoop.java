package com.caskr.sync.writeback.running;

import com.caskr.sync.writeback.plan.PassLoop;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link PassLoop} (the trigger-log relay, the conflict outbox relay, the pusher) on its
 * thread while the application runs: started once the context is ready, stopped first on shutdown.
 */
public final class RunningLoop implements SmartLifecycle {

  private final PassLoop loop;

  public RunningLoop(PassLoop loop) {
    this.loop = loop;
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
