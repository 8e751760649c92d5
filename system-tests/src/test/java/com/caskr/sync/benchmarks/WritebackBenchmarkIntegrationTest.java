package com.caskr.sync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The write-back benchmark in the regular build: smoke sizes by default, proving the harness works
 * end to end (Caskr edit → trigger log → Kafka → push queue → Salesforce). {@code
 * -Dbenchmark.mode=full} runs the 10,000 edits (see the README). Every run must stay within
 * the call budget: one sObject Collections update per 200 edits and one retrieve per 2,000 (10,000
 * edits: 55 calls), which holds only when a burst is planned as one pass.
 */
class WritebackBenchmarkIntegrationTest {

  @Test
  void editsReachSalesforceAndTheReportHasTimeAndCalls() throws Exception {
    var settings = WritebackBenchmark.Settings.of(System.getProperty("benchmark.mode", "smoke"));
    var printed = new ByteArrayOutputStream();

    List<Measurement> measurements;
    try (var out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      measurements = WritebackBenchmark.run(settings, Path.of("target", "benchmarks"), out);
    }
    System.out.print(printed.toString(StandardCharsets.UTF_8));

    assertThat(measurements).extracting(Measurement::unit).containsExactly("s", "calls");
    assertThat(measurements)
        .allSatisfy(m -> assertThat(m.values()).hasSize(settings.runs()).allMatch(v -> v > 0));
    long budget = ceilDiv(settings.edits(), 200) + ceilDiv(settings.edits(), 2_000);
    assertThat(measurements.get(1).values())
        .as("API calls per run, budget %d", budget)
        .allMatch(calls -> calls <= budget);
  }

  private static long ceilDiv(int n, int per) {
    return Math.ceilDiv(n, per);
  }
}
