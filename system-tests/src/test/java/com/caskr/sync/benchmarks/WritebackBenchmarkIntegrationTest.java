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
 * -Dbenchmark.mode=full} runs the 10,000 edits (see the README). The call count is
 * reported, not asserted: at smoke size it has exceeded 2 calls per 200 edits when the edits
 * reached the push queue in pieces (issue #7's open batching work); WritebackIntegrationTest holds
 * the 1,000-edits budget.
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
  }
}
