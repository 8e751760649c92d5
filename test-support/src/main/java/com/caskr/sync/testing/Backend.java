package com.caskr.sync.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/** The running broker and server; chosen and started once per JVM. */
interface Backend {

  Backend INSTANCE = start();

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
          case "auto" -> dockerAvailable() ? ContainerBackend.start() : EmbeddedBackend.start();
          default ->
              throw new IllegalArgumentException(
                  "caskr.test.infra must be auto, embedded or docker, not " + wanted);
        };
    Runtime.getRuntime().addShutdownHook(new Thread(backend::stop, "test-infra-stop"));
    return backend;
  }

  void stop();

  /**
   * Asks Testcontainers only when a daemon could exist: its probe logs errors at length when there
   * is none, which is the usual case on our CI machines.
   */
  private static boolean dockerAvailable() {
    boolean daemonConfigured =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(
                Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    return daemonConfigured && DockerClientFactory.instance().isDockerAvailable();
  }
}
