package com.caskr.sync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus itself judges our scrape config and alert rules. Needs promtool (Debian package
 * prometheus, which .ci/run installs); without it these tests are reported as skipped.
 */
class PromtoolTest {

  private static final Path PROMETHEUS = RepositoryRoot.locate().resolve("deploy/prometheus");

  @BeforeAll
  static void promtoolIsInstalled() {
    assumeTrue(
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool"))),
        "promtool not installed: apt-get install prometheus (.ci/run does)");
  }

  @Test
  void scrapeConfigIsValid() throws Exception {
    assertPromtoolAccepts("check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
  }

  @Test
  void alertRulesAreValid() throws Exception {
    assertPromtoolAccepts(withFiles(List.of("check", "rules"), PROMETHEUS.resolve("rules")));
  }

  @Test
  void alertRulesPassTheirUnitTests() throws Exception {
    assertPromtoolAccepts(withFiles(List.of("test", "rules"), PROMETHEUS.resolve("tests")));
  }

  private static String[] withFiles(List<String> command, Path folder) throws IOException {
    List<String> arguments = new ArrayList<>(command);
    try (Stream<Path> files = Files.list(folder)) {
      files
          .filter(file -> file.toString().endsWith(".yml"))
          .sorted()
          .forEach(file -> arguments.add(file.toString()));
    }
    assertThat(arguments).as("yml files in %s", folder).hasSizeGreaterThan(command.size());
    return arguments.toArray(String[]::new);
  }

  private static void assertPromtoolAccepts(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process promtool =
        new ProcessBuilder(command)
            .directory(PROMETHEUS.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(promtool.exitValue()).as("promtool %s said:%n%s", command, output).isZero();
  }
}
