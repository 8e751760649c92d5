package com.caskr.sync.writeback.capture;

import com.caskr.sync.writeback.plan.PassLoop;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link TriggerLogRelay} passes on one thread while the application runs: straight after a
 * full pass (there may be more), after the poll interval otherwise, and after a backoff of the same
 * length when Kafka or the database failed.
 */
final class CaptureRelaying implements SmartLifecycle {

  private final PassLoop loop;

  CaptureRelaying(TriggerLogRelay relay, Duration pollInterval, int batchSize) {
    this.loop =
        new PassLoop(
            "trigger-log-relay",
            pollInterval,
            () -> relay.relayOnce() >= batchSize,
            "Trigger-log relay pass failed; rows stay unsent and go in a later pass");
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
