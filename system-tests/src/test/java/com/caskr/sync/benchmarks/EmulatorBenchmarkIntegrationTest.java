package com.caskr.sync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator benchmark in the regular build: smoke sizes by default, proving only that the
 * harness works end to end. {@code -Dbenchmark.mode=full} runs the sizes (see the README).
 */
class EmulatorBenchmarkIntegrationTest {

  @Test
  void seedsReadsAndStreamsThenReportsMedianAndSpread() throws Exception {
    var settings = EmulatorBenchmark.Settings.of(System.getProperty("benchmark.mode", "smoke"));
    var printed = new ByteArrayOutputStream();
    Path output = Path.of("target", "benchmarks");

    List<Measurement> measurements;
    try (var out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      measurements = EmulatorBenchmark.run(settings, output, out);
    }
    String table = printed.toString(StandardCharsets.UTF_8);
    System.out.print(table);

    assertThat(measurements)
        .extracting(Measurement::unit)
        .containsExactly("s", "records/s", "events/s");
    assertThat(measurements)
        .allSatisfy(
            m -> {
              assertThat(m.values()).hasSize(settings.runs()).allMatch(v -> v > 0);
              assertThat(m.min()).isLessThanOrEqualTo(m.median());
              assertThat(m.median()).isLessThanOrEqualTo(m.max());
            });
    assertThat(table).contains("median", "REST query paging read", "Pub/Sub CDC");

    JsonNode report =
        JsonMapper.builder()
            .build()
            .readTree(output.resolve("emulator-" + settings.mode() + ".json").toFile());
    assertThat(report.get("measurements")).hasSize(3);
    assertThat(report.get("measurements").get(1).get("runs").asInt()).isEqualTo(settings.runs());
    assertThat(Files.size(output.resolve("emulator-" + settings.mode() + ".json"))).isPositive();
  }
}
