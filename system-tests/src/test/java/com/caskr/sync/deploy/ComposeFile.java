package com.caskr.sync.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** docker-compose.yml as parsed YAML: just enough structure for the consistency checks. */
record ComposeFile(List<ComposeService> services) {

  static ComposeFile read(Path file) {
    return of(YamlFiles.read(file));
  }

  static ComposeFile of(Map<String, Object> yaml) {
    List<ComposeService> services = new ArrayList<>();
    YamlFiles.map(yaml.get("services"))
        .forEach((name, definition) -> services.add(ComposeService.of(name, definition)));
    return new ComposeFile(List.copyOf(services));
  }

  Optional<ComposeService> service(String name) {
    return services.stream().filter(service -> service.name().equals(name)).findFirst();
  }

  List<ComposeService> builtServices() {
    return services.stream().filter(service -> service.build().isPresent()).toList();
  }

  /** The one service running {@code image} (any tag), e.g. "postgres" or "apache/kafka". */
  Optional<ComposeService> serviceRunning(String image) {
    List<ComposeService> matching =
        services.stream().filter(service -> service.image().startsWith(image + ":")).toList();
    return matching.size() == 1 ? Optional.of(matching.getFirst()) : Optional.empty();
  }
}
