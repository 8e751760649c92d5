package com.caskr.sync.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout this test runs in: the nearest directory up from here with docker-compose.yml. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  static Path locate() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No directory with docker-compose.yml and pom.xml above " + start);
  }
}
