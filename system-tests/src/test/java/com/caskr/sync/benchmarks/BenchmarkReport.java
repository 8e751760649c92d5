package com.caskr.sync.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Prints measurements as a small table and writes them as JSON, one file per benchmark run. */
final class BenchmarkReport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BenchmarkReport() {}

  /** {@code judgeGoals} false for smoke sizes, where the goals mean nothing. */
  static void print(
      String title, List<Measurement> measurements, boolean judgeGoals, PrintStream out) {
    out.println(title);
    out.printf(
        Locale.ROOT,
        "%-38s %12s %12s %12s %5s %12s %-10s%n",
        "benchmark",
        "median",
        "min",
        "max",
        "runs",
        "goal",
        "unit");
    for (Measurement m : measurements) {
      out.printf(
          Locale.ROOT,
          "%-38s %12.1f %12.1f %12.1f %5d %12s %-10s%s%n",
          m.name(),
          m.median(),
          m.min(),
          m.max(),
          m.values().size(),
          String.format(Locale.ROOT, "%s %.0f", m.higherIsBetter() ? ">=" : "<=", m.goal()),
          m.unit(),
          !judgeGoals || m.meetsGoal() ? "" : "  (goal missed)");
    }
  }

  /** Writes {@code <directory>/<mode>.json} and returns its path. */
  static Path write(
      Path directory, String mode, Map<String, Object> settings, List<Measurement> all)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("mode", mode);
    document.put("finishedAt", Instant.now().toString());
    document.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    document.put("javaVersion", System.getProperty("java.version"));
    document.put("settings", settings);
    document.put(
        "measurements",
        all.stream()
            .map(
                m -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("name", m.name());
                  row.put("unit", m.unit());
                  row.put("median", m.median());
                  row.put("min", m.min());
                  row.put("max", m.max());
                  row.put("runs", m.values().size());
                  row.put("values", m.values());
                  row.put("goal", m.goal());
                  row.put("higherIsBetter", m.higherIsBetter());
                  row.put("meetsGoal", m.meetsGoal());
                  return row;
                })
            .toList());
    Path file = directory.resolve(mode + ".json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
    return file;
  }
}
