package com.caskr.sync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mapping benchmark in the regular build: smoke sizes by default, proving only that the harness
 * works end to end. {@code -Dbenchmark.mode=full} runs 20,000 accounts and 1,000 events/s.
 */
class MappingBenchmarkIntegrationTest {

  @Test
  void appliesUpdatesComparesWithRawJdbcAndReportsTheP99() throws Exception {
    var settings = MappingBenchmark.Settings.of(System.getProperty("benchmark.mode", "smoke"));
    var printed = new ByteArrayOutputStream();
    Path output = Path.of("target", "benchmarks");

    List<Measurement> measurements;
    try (var out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      measurements = MappingBenchmark.run(settings, output, out);
    }
    String table = printed.toString(StandardCharsets.UTF_8);
    System.out.print(table);

    assertThat(measurements)
        .extracting(Measurement::unit)
        .containsExactly("events/s", "rows/s", "%", "ms");
    assertThat(measurements).allSatisfy(m -> assertThat(m.values()).allMatch(v -> v > 0));
    assertThat(measurements.get(0).values()).hasSize(settings.runs());
    assertThat(table).contains("median", "Raw JDBC batch upsert", "p99");
    assertThat(Files.size(output.resolve("mapping-" + settings.mode() + ".json"))).isPositive();
  }
}
