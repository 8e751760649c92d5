package com.caskr.sync.writeback.store;

import com.caskr.sync.writeback.plan.PassLoop;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link OutboxRelay} passes on one thread while the application runs: straight after a full
 * pass, after the poll interval otherwise or after a failed one.
 */
final class OutboxRelaying implements SmartLifecycle {

  private final PassLoop loop;

  OutboxRelaying(OutboxRelay relay, Duration pollInterval, int batchSize) {
    this.loop =
        new PassLoop(
            "writeback-outbox-relay",
            pollInterval,
            () -> relay.relayOnce() >= batchSize,
            "Outbox relay pass failed; its events stay unsent and go in a later pass");
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
