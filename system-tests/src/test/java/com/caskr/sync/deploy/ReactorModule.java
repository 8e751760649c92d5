package com.caskr.sync.deploy;

import java.util.Map;
import java.util.Optional;

/**
 * One module of the root pom's {@code <modules>}.
 *
 * @param path the module's directory relative to the repository root, as written in the root pom
 * @param bootable whether its pom runs spring-boot-maven-plugin (it ships as a runnable jar)
 * @param properties its {@code src/main/resources/application.yml}, flattened; empty without one
 */
record ReactorModule(
    String path,
    String artifactId,
    String finalName,
    boolean bootable,
    Map<String, Object> properties) {

  static final int SPRING_DEFAULT_PORT = 8080;

  String applicationYaml() {
    return path + "/src/main/resources/application.yml";
  }

  int serverPort() {
    return property("server.port").map(Integer::parseInt).orElse(SPRING_DEFAULT_PORT);
  }

  Optional<String> property(String name) {
    return Optional.ofNullable(properties.get(name)).map(String::valueOf);
  }

  boolean usesDatabase() {
    return properties.containsKey("spring.datasource.url");
  }

  boolean usesKafka() {
    return properties.containsKey("spring.kafka.bootstrap-servers");
  }
}
