package com.caskr.sync.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, so the launcher works from any directory inside the checkout. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  /** The nearest directory at or above {@code start} that holds both pom.xml and deploy/local. */
  static Path above(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new UsageException(
        "No repository root (a directory with pom.xml and deploy/local) at or above "
            + start.toAbsolutePath().normalize()
            + ": run from inside the checkout or pass --repo=<dir>.");
  }

  static boolean isRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml"))
        && Files.isDirectory(dir.resolve("deploy").resolve("local"));
  }
}
