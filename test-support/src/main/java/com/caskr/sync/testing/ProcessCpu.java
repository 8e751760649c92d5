package com.caskr.sync.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (its GC and JIT threads included) and by the processes of one
 * PostgreSQL server (its postmaster and the postmaster's children, read from {@code /proc}) over a
 * window: how a benchmark's work splits between the service and the database. Other servers on the
 * machine (another benchmark's) do not count. Where there is no {@code /proc}, PostgreSQL's share
 * reads 0.
 */
public final class ProcessCpu {

  /** Nanoseconds per clock tick of {@code /proc/<pid>/stat} (USER_HZ is 100 on Linux). */
  private static final long TICK_NANOS = 10_000_000;

  private final long postmaster;
  private final long jvmBefore;
  private final Map<Long, Long> postgresBefore;
  private long jvm = -1;
  private long postgres = -1;

  private ProcessCpu(long postmaster) {
    this.postmaster = postmaster;
    this.jvmBefore = jvmCpu();
    this.postgresBefore = postgresCpu(postmaster);
  }

  /**
   * Opens a window now, for the server one of whose backends is {@code backendPid} ({@code SELECT
   * pg_backend_pid()} on a connection to it).
   */
  public static ProcessCpu start(long backendPid) {
    return new ProcessCpu(parentOf(backendPid));
  }

  /** Closes the window: {@link #jvmNanos()} and {@link #postgresNanos()} are then its CPU times. */
  public ProcessCpu stop() {
    jvm = jvmCpu() - jvmBefore;
    postgres = 0;
    for (Map.Entry<Long, Long> process : postgresCpu(postmaster).entrySet()) {
      postgres += process.getValue() - postgresBefore.getOrDefault(process.getKey(), 0L);
    }
    return this;
  }

  /** This JVM's CPU nanoseconds inside the window (-1 where the JVM does not tell). */
  public long jvmNanos() {
    return jvm;
  }

  /**
   * The PostgreSQL processes' CPU nanoseconds inside the window, in steps of 10 ms; a process that
   * ended inside it does not count.
   */
  public long postgresNanos() {
    return postgres;
  }

  /** The parent process of {@code pid} (-1 where there is no /proc). */
  private static long parentOf(long pid) {
    try {
      return Long.parseLong(statFields(Path.of("/proc", Long.toString(pid)))[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long jvmCpu() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /**
   * The fields of {@code /proc/<pid>/stat} (or of a thread's, {@code /proc/<pid>/task/<tid>/stat})
   * after the command name (which may hold spaces): the state is [0], the parent's pid [1], utime
   * [11] and stime [12].
   */
  static String[] statFields(Path process) throws IOException {
    String stat = Files.readString(process.resolve("stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /**
   * User + system CPU nanoseconds of a process or thread from its stat {@code fields} (see {@link
   * #statFields}), in steps of a clock tick.
   */
  static long cpuNanos(String[] fields) {
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
  }

  /** CPU nanoseconds per process of the server (empty where there is no /proc). */
  private static Map<Long, Long> postgresCpu(long postmaster) {
    Map<Long, Long> cpu = new HashMap<>();
    if (postmaster < 0) {
      return cpu;
    }
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                try {
                  String[] fields = statFields(p);
                  long pid = Long.parseLong(p.getFileName().toString());
                  if (pid == postmaster || Long.parseLong(fields[1]) == postmaster) {
                    cpu.put(pid, cpuNanos(fields));
                  }
                } catch (IOException | RuntimeException e) {
                  // The process ended while it was read: it has no share to report.
                }
              });
    } catch (IOException e) {
      return Map.of();
    }
    return cpu;
  }
}
