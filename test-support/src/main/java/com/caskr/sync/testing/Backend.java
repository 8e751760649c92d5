package com.caskr.sync.testing;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/** The running broker and server; chosen and started once per JVM. */
interface Backend {

  Backend INSTANCE = start();

  String name();

  String kafkaBootstrapServers();

  String adminJdbcUrl();

  String jdbcUrlFor(String database);

  String username();

  String password();

  private static Backend start() {
    String wanted =
        System.getProperty(
                "caskr.test.infra", System.getenv().getOrDefault("CASKR_TEST_INFRA", "auto"))
            .toLowerCase(Locale.ROOT);
    Backend backend =
        switch (wanted) {
          case "embedded" -> EmbeddedBackend.start();
          case "docker" -> ContainerBackend.start();
          case "auto" ->
              DockerClientFactory.instance().isDockerAvailable()
                  ? ContainerBackend.start()
                  : EmbeddedBackend.start();
          default ->
              throw new IllegalArgumentException(
                  "caskr.test.infra must be auto, embedded or docker, not " + wanted);
        };
    Runtime.getRuntime().addShutdownHook(new Thread(backend::stop, "test-infra-stop"));
    return backend;
  }

  void stop();
}
