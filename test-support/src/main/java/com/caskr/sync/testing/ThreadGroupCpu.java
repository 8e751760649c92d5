package com.caskr.sync.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's live platform threads over a window, summed per thread group (the thread's
 * name with its digits replaced by {@code #}): where the cores went during a benchmark's run.
 * Threads that start or end inside the window count only from or until their last sighting. The
 * JVM's own garbage collector, JIT compiler and VM threads, which the JVM does not list, are read
 * from {@code /proc/self/task} where there is one, in 10 ms ticks, as the groups {@value #GC},
 * {@value #JIT} and {@value #VM}.
 */
public final class ThreadGroupCpu {

  /** The group of the garbage collector's threads (G1's workers, marker, refinement). */
  public static final String GC = "JVM: garbage collector";

  /** The group of the JIT compiler's threads (C1 and C2). */
  public static final String JIT = "JVM: JIT compiler";

  /** The group of the VM thread (safepoint operations) and its periodic task thread. */
  public static final String VM = "JVM: VM thread";

  private Map<String, Long> before = snapshot();
  private final Map<String, Long> used = new HashMap<>();

  /** Opens the window now. */
  public ThreadGroupCpu() {}

  /**
   * Opens the window anew now: what the next {@link #stop()} measures adds to {@link #used()} (the
   * CPU of several separate stretches, e.g. a benchmark's measured runs without what lies between).
   */
  public void resume() {
    before = snapshot();
  }

  /**
   * Closes the window: {@link #used()} then holds each group's CPU inside it (and earlier ones).
   */
  public void stop() {
    snapshot()
        .forEach(
            (group, nanos) -> used.merge(group, nanos - before.getOrDefault(group, 0L), Long::sum));
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
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Long> group : busiest(most)) {
      lines.append(line(group.getKey(), group.getValue(), seconds));
    }
    return lines.toString();
  }

  /**
   * The {@code most} busiest groups as report lines, each starting with a line break, in CPU
   * microseconds per one of {@code units} (e.g. per change processed inside the window).
   */
  public String busiestPer(int most, long units) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Long> group : busiest(most)) {
      lines.append(linePer(group.getKey(), group.getValue(), units));
    }
    return lines.toString();
  }

  /** One report line, starting with a line break: {@code nanos} of CPU per one of {@code units}. */
  public static String linePer(String name, double nanos, long units) {
    return String.format(Locale.ROOT, "%n    %-55s %6.1f", name, nanos / 1e3 / Math.max(1, units));
  }

  private List<Map.Entry<String, Long>> busiest(int most) {
    List<Map.Entry<String, Long>> groups = new ArrayList<>(used.entrySet());
    groups.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    return groups.subList(0, Math.min(most, groups.size()));
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
    addJvmInternalThreads(groups);
    return groups;
  }

  /**
   * Adds the CPU of the JVM's own threads, read from {@code /proc/self/task/<tid>/stat}: the
   * command name ({@code comm}, the thread's name cut to 15 characters) tells a GC, JIT or VM
   * thread.
   */
  private static void addJvmInternalThreads(Map<String, Long> groups) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(
          task -> {
            try {
              String group = internalGroup(Files.readString(task.resolve("comm")).strip());
              if (group != null) {
                groups.merge(group, ProcessCpu.cpuNanos(ProcessCpu.statFields(task)), Long::sum);
              }
            } catch (IOException | RuntimeException e) {
              // The thread ended while it was read: its CPU is no longer in the window's end.
            }
          });
    } catch (IOException e) {
      // No /proc: the JVM's own threads stay unlisted.
    }
  }

  private static String internalGroup(String name) {
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return GC;
    }
    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    if (name.equals("VM Thread") || name.equals("VM Periodic Tas")) {
      return VM;
    }
    return null;
  }
}
