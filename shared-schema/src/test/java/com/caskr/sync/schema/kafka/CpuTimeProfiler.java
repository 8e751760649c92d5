package com.caskr.sync.schema.kafka;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark JVM per operation ({@code cpu.ns/op}), for comparing codecs on a
 * machine shared with other work: throughput follows how much CPU the scheduler gives the fork, CPU
 * time per operation mostly does not. Includes JIT and GC threads, so warm up first. Use with
 * {@code -prof com.caskr.sync.schema.kafka.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final OperatingSystemMXBean system =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long start;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    start = system.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long used = system.getProcessCpuTime() - start;
    long operations = Math.max(1, result.getMetadata().getAllOps());
    return List.of(
        new ScalarResult("cpu.ns/op", (double) used / operations, "ns/op", AggregationPolicy.AVG));
  }
}
