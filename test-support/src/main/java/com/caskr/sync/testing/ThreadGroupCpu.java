package com.caskr.sync.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this JVM's live platform threads over a window, summed per thread group (the thread's
 * name with its digits replaced by {@code #}): where the cores went during a benchmark's run.
 * Threads that start or end inside the window count only from or until their last sighting.
 */
public final class ThreadGroupCpu {

  private final Map<String, Long> before = snapshot();
  private Map<String, Long> used = Map.of();

  /** Opens the window now. */
  public ThreadGroupCpu() {}

  /** Closes the window: {@link #used()} is then each group's CPU inside it. */
  public void stop() {
    Map<String, Long> inside = new HashMap<>();
    snapshot().forEach((group, nanos) -> inside.put(group, nanos - before.getOrDefault(group, 0L)));
    used = inside;
  }

  /** CPU nanoseconds per thread group inside the window (empty until {@link #stop()}). */
  public Map<String, Long> used() {
    return used;
  }

  /**
   * The {@code most} busiest groups as report lines, each starting with a line break, over a window
   * of {@code seconds}.
   */
  public String busiest(int most, double seconds) {
    List<Map.Entry<String, Long>> groups = new ArrayList<>(used.entrySet());
    groups.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Long> group : groups.subList(0, Math.min(most, groups.size()))) {
      lines.append(line(group.getKey(), group.getValue(), seconds));
    }
    return lines.toString();
  }

  /** One report line, starting with a line break: {@code nanos} of CPU in {@code seconds}. */
  public static String line(String name, double nanos, double seconds) {
    return String.format(
        Locale.ROOT, "%n    %-55s %5.1f %% of a core", name, 100 * nanos / 1e9 / seconds);
  }

  private static Map<String, Long> snapshot() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> groups = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          groups.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos, Long::sum);
        }
      }
    }
    return groups;
  }
}
