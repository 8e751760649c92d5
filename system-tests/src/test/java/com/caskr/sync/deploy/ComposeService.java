package com.caskr.sync.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry under {@code services:}, in both the short and the long Compose syntax.
 *
 * @param dependsOn service name to its condition ({@code service_started} when the list form is
 *     used)
 * @param healthcheck the health check command as one string, empty without one
 */
record ComposeService(
    String name,
    String image,
    Optional<Build> build,
    List<PortMapping> ports,
    Map<String, String> environment,
    Map<String, String> dependsOn,
    String healthcheck,
    List<String> volumes) {

  /** {@code build:}; the context is relative to the compose file's directory. */
  record Build(String context, String dockerfile, Map<String, String> args) {}

  /** A published port; {@code published} is null when Docker picks the host port. */
  record PortMapping(Integer published, int target) {}

  static ComposeService of(String name, Object definition) {
    Map<String, Object> service = YamlFiles.map(definition);
    return new ComposeService(
        name,
        Optional.ofNullable(YamlFiles.string(service.get("image"))).orElse(""),
        build(service.get("build")),
        ports(YamlFiles.list(service.get("ports"))),
        keyValues(service.get("environment")),
        dependsOn(service.get("depends_on")),
        healthcheck(YamlFiles.map(service.get("healthcheck")).get("test")),
        YamlFiles.list(service.get("volumes")).stream().map(ComposeService::volume).toList());
  }

  private static Optional<Build> build(Object build) {
    if (build == null) {
      return Optional.empty();
    }
    if (build instanceof String context) {
      return Optional.of(new Build(context, "Dockerfile", Map.of()));
    }
    Map<String, Object> map = YamlFiles.map(build);
    return Optional.of(
        new Build(
            Optional.ofNullable(YamlFiles.string(map.get("context"))).orElse("."),
            Optional.ofNullable(YamlFiles.string(map.get("dockerfile"))).orElse("Dockerfile"),
            keyValues(map.get("args"))));
  }

  private static List<PortMapping> ports(List<?> entries) {
    List<PortMapping> ports = new ArrayList<>();
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> longSyntax) {
        Object published = longSyntax.get("published");
        ports.add(
            new PortMapping(
                published == null ? null : Integer.valueOf(String.valueOf(published)),
                Integer.parseInt(String.valueOf(longSyntax.get("target")))));
      } else {
        // [ip:][published:]target[/protocol]
        String[] parts = String.valueOf(entry).replaceFirst("/(tcp|udp)$", "").split(":");
        int target = Integer.parseInt(parts[parts.length - 1]);
        Integer published = parts.length > 1 ? Integer.valueOf(parts[parts.length - 2]) : null;
        ports.add(new PortMapping(published, target));
      }
    }
    return List.copyOf(ports);
  }

  /** {@code environment:} and {@code build.args:} come as a map or as a list of KEY=value. */
  private static Map<String, String> keyValues(Object value) {
    Map<String, String> result = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, v) -> result.put(String.valueOf(key), v == null ? "" : String.valueOf(v)));
    } else {
      for (Object entry : YamlFiles.list(value)) {
        String[] pair = String.valueOf(entry).split("=", 2);
        result.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }
    return result;
  }

  private static Map<String, String> dependsOn(Object value) {
    Map<String, String> result = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (name, spec) ->
              result.put(
                  String.valueOf(name),
                  Optional.ofNullable(YamlFiles.string(YamlFiles.map(spec).get("condition")))
                      .orElse("service_started")));
    } else {
      YamlFiles.list(value).forEach(name -> result.put(String.valueOf(name), "service_started"));
    }
    return result;
  }

  private static String healthcheck(Object test) {
    if (test instanceof List<?> list) {
      return String.join(" ", list.stream().map(String::valueOf).toList());
    }
    return test == null ? "" : String.valueOf(test);
  }

  /** Volumes in the short "source:target[:mode]" form; the long form is rewritten to it. */
  private static String volume(Object entry) {
    if (entry instanceof Map<?, ?> longSyntax) {
      return longSyntax.get("source") + ":" + longSyntax.get("target");
    }
    return String.valueOf(entry);
  }

  /** The container path a host path (relative to the compose file) is mounted at, if it is. */
  Optional<String> mountTargetOf(String hostPath) {
    for (String volume : volumes) {
      String[] parts = volume.split(":");
      if (parts.length >= 2 && normalise(parts[0]).equals(normalise(hostPath))) {
        return Optional.of(parts[1]);
      }
    }
    return Optional.empty();
  }

  private static String normalise(String path) {
    String result = path.startsWith("./") ? path.substring(2) : path;
    return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
  }
}
