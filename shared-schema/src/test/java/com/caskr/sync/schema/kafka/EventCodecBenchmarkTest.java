package com.caskr.sync.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Keeps {@link EventCodecBenchmark} runnable: every benchmark, tiny iterations, in this JVM. */
class EventCodecBenchmarkTest {

  @Test
  void everyBenchmarkRunsAndMeasuresEveryEvent() throws Exception {
    var options =
        new OptionsBuilder()
            .include(EventCodecBenchmark.class.getName())
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .timeUnit(TimeUnit.SECONDS)
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).hasSize(8);
    assertThat(results)
        .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    assertThat(results)
        .extracting(result -> result.getParams().getParam("event"))
        .containsOnly("account", "opportunity", "customerSynced", "conflictDetected");
  }
}
