package com.caskr.sync.writeback.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PassLoopTest {

  @Test
  void runsTheNextPassStraightAwayWhileMoreMayBeWaiting() throws InterruptedException {
    AtomicInteger passes = new AtomicInteger();
    CountDownLatch threePasses = new CountDownLatch(3);
    PassLoop loop =
        new PassLoop(
            "test-pass",
            Duration.ofHours(1),
            () -> {
              threePasses.countDown();
              return passes.incrementAndGet() < 3;
            },
            "test pass failed");
    loop.start();
    try {
      assertThat(threePasses.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(loop.isRunning()).isTrue();
    } finally {
      loop.stop();
    }
    assertThat(loop.isRunning()).isFalse();
    assertThat(passes).hasValue(3);
  }

  @Test
  void keepsPassingAfterAPassThrows() throws InterruptedException {
    AtomicInteger passes = new AtomicInteger();
    CountDownLatch secondPass = new CountDownLatch(2);
    PassLoop loop =
        new PassLoop(
            "test-pass",
            Duration.ofMillis(10),
            () -> {
              secondPass.countDown();
              if (passes.incrementAndGet() == 1) {
                throw new IllegalStateException("first pass fails");
              }
              return false;
            },
            "test pass failed");
    loop.start();
    try {
      assertThat(secondPass.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      loop.stop();
    }
  }
}
