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
 * The ingest Pub/Sub benchmark in the regular build: smoke sizes by default, proving only that the
 * harness carries every event into Kafka; {@code -Dbenchmark.mode=full} runs the sizes.
 */
class IngestPubSubBenchmarkIntegrationTest {

  @Test
  void carriesEverySeededChangeIntoKafkaAndReportsMedianAndSpread() throws Exception {
    var settings = IngestPubSubBenchmark.Settings.of(System.getProperty("benchmark.mode", "smoke"));
    var printed = new ByteArrayOutputStream();
    Path output = Path.of("target", "benchmarks");

    List<Measurement> measurements;
    try (var out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      measurements = IngestPubSubBenchmark.run(settings, output, out);
    }
    String table = printed.toString(StandardCharsets.UTF_8);
    System.out.print(table);

    assertThat(measurements)
        .extracting(Measurement::unit)
        .containsExactly("events/s", "events/s", "%");
    assertThat(measurements)
        .allSatisfy(m -> assertThat(m.values()).hasSize(settings.runs()).allMatch(v -> v > 0));
    assertThat(table).contains("median", "Pub/Sub CDC to Kafka ack", "Ingest / bare subscriber");
    assertThat(Files.size(output.resolve("ingest-pubsub-" + settings.mode() + ".json")))
        .isPositive();
  }
}
