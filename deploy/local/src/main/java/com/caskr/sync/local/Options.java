package com.caskr.sync.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The launcher's command line, parsed and checked before anything starts. */
record Options(PortMode ports, Path repo, Path runDir, List<Service> services) {

  Options {
    services = List.copyOf(services);
  }

  /**
   * Parses {@code --key=value} options. Relative paths and the default repository are resolved
   * against {@code workingDirectory}.
   *
   * @throws UsageException for an unknown option, a bad value, or no repository root
   */
  static Options parse(List<String> args, Path workingDirectory) {
    PortMode ports = PortMode.FIXED;
    Path repo = null;
    Path runDir = null;
    List<Service> services = List.of(Service.values());
    Set<String> seen = new LinkedHashSet<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new UsageException("Unknown option: " + arg);
      }
      String key = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      if (!seen.add(key)) {
        throw new UsageException("Option given twice: --" + key);
      }
      switch (key) {
        case "ports" -> ports = portMode(value);
        case "repo" -> repo = workingDirectory.resolve(nonBlank(key, value)).normalize();
        case "run-dir" -> runDir = workingDirectory.resolve(nonBlank(key, value)).normalize();
        case "only" -> services = services(value);
        default -> throw new UsageException("Unknown option: " + arg);
      }
    }
    if (repo == null) {
      repo = RepositoryRoot.above(workingDirectory);
    } else if (!RepositoryRoot.isRoot(repo)) {
      throw new UsageException("--repo=" + repo + " holds no pom.xml and deploy/local.");
    }
    if (runDir == null) {
      runDir = repo.resolve("deploy").resolve("local").resolve(".run");
    }
    return new Options(ports, repo, runDir, services);
  }

  private static PortMode portMode(String value) {
    return switch (value) {
      case "fixed" -> PortMode.FIXED;
      case "free" -> PortMode.FREE;
      default -> throw new UsageException("--ports takes fixed or free, not: " + value);
    };
  }

  private static String nonBlank(String key, String value) {
    if (value.isBlank()) {
      throw new UsageException("--" + key + " needs a value.");
    }
    return value;
  }

  /** Keeps the order of {@link Service}, whatever order the names came in. */
  private static List<Service> services(String value) {
    Set<Service> chosen = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      String trimmed = name.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      chosen.add(
          Service.byModuleName(trimmed)
              .orElseThrow(() -> new UsageException("--only: unknown service " + trimmed)));
    }
    if (chosen.isEmpty()) {
      throw new UsageException("--only needs at least one service.");
    }
    List<Service> ordered = new ArrayList<>(Arrays.asList(Service.values()));
    ordered.retainAll(chosen);
    return ordered;
  }
}
