package com.caskr.sync.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The Spring Boot applications of the stack, with the ports their application.yml declares. */
enum Service {
  AUTH("auth-service", 8081),
  INGEST("ingest-service", 8082),
  MAPPING("mapping-service", 8083),
  WRITEBACK("writeback-service", 8084),
  EMULATOR("salesforce-emulator", 8090);

  private final String moduleName;
  private final int defaultPort;

  Service(String moduleName, int defaultPort) {
    this.moduleName = moduleName;
    this.defaultPort = defaultPort;
  }

  /** The reactor module and the name shown to people: {@code auth-service}. */
  String moduleName() {
    return moduleName;
  }

  int defaultPort() {
    return defaultPort;
  }

  /** Where {@code ./mvnw package} puts the executable jar (each module sets its finalName). */
  Path jar(Path repo) {
    return repo.resolve(moduleName).resolve("target").resolve(moduleName + ".jar");
  }

  static Optional<Service> byModuleName(String name) {
    return Arrays.stream(values()).filter(s -> s.moduleName.equals(name)).findFirst();
  }
}
