package com.caskr.sync.ingest.orgwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrgWorkLoopTest {

  @Test
  void keepsTickingAfterATickThrows() throws InterruptedException {
    AtomicInteger ticks = new AtomicInteger();
    CountDownLatch thirdTick = new CountDownLatch(3);
    try (OrgWorkLoop loop = new OrgWorkLoop("test-loop", Duration.ofSeconds(5))) {
      loop.start(
          Duration.ofMillis(10),
          () -> {
            thirdTick.countDown();
            if (ticks.incrementAndGet() == 1) {
              throw new IllegalStateException("first tick fails");
            }
          });
      assertThat(thirdTick.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closeLetsRunningWorkFinishWithinTheGrace() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    OrgWorkLoop loop = new OrgWorkLoop("test-loop", Duration.ofSeconds(30));
    loop.submit(
        () -> {
          started.countDown();
          try {
            release.await();
            finished.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    Thread.ofVirtual().start(release::countDown);
    loop.close();
    assertThat(finished).hasValue(1);
  }

  @Test
  void closeWithoutGraceInterruptsRunningWork() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    OrgWorkLoop loop = new OrgWorkLoop("test-loop", Duration.ZERO);
    loop.submit(
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    loop.close();
    assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
  }
}
