package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadGroupCpuTest {

  private static final long BURN_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

  @Test
  void countsEachGroupsCpuInsideTheWindowWithDigitsFoldedAndRanksTheBusiestFirst()
      throws InterruptedException {
    var burnt = new CountDownLatch(2);
    var release = new CountDownLatch(1);
    List<Thread> burners = new ArrayList<>();
    var window = new ThreadGroupCpu();
    for (int i = 1; i <= 2; i++) {
      burners.add(
          Thread.ofPlatform()
              .name("cpu-burner-" + i)
              .start(
                  () -> {
                    burn();
                    burnt.countDown();
                    awaitQuietly(release);
                  }));
    }
    assertThat(burnt.await(30, TimeUnit.SECONDS)).isTrue();
    window.stop();
    release.countDown();
    for (Thread burner : burners) {
      burner.join();
    }

    // Both burners, alive at both ends of the window, in one group: at least their spinning.
    assertThat(window.used()).doesNotContainKeys("cpu-burner-1", "cpu-burner-2");
    assertThat(window.used().get("cpu-burner-#")).isGreaterThanOrEqualTo(BURN_NANOS);
    String busiest =
        window.used().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(window.busiest(1, 1.0).lines().filter(line -> !line.isBlank()))
        .singleElement(STRING)
        .contains(busiest, "% of a core");
    assertThat(window.busiest(100, 1.0)).contains("cpu-burner-#");
    assertThat(ThreadGroupCpu.line("x", 0.5e9, 2.0)).contains(" 25.0 % of a core");
  }

  @Test
  void countsTheGarbageCollectorsThreadsWhichTheJvmDoesNotList() {
    // A live graph of a million objects for full collections to mark and move.
    List<int[]> live = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      live.add(new int[4]);
    }
    var window = new ThreadGroupCpu();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    do {
      window.resume();
      System.gc();
      window.stop();
    } while (window.used().getOrDefault(ThreadGroupCpu.GC, 0L) == 0
        && System.nanoTime() < deadline);

    assertThat(live).hasSize(1_000_000);
    assertThat(window.used()).containsKey(ThreadGroupCpu.GC);
    assertThat(window.used().get(ThreadGroupCpu.GC)).isPositive();
    assertThat(window.busiest(100, 1.0)).contains(ThreadGroupCpu.GC);
  }

  /** Spins until this thread itself has used {@link #BURN_NANOS} of CPU. */
  private static void burn() {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    while (threads.getCurrentThreadCpuTime() - start < BURN_NANOS) {
      Thread.onSpinWait();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
