package com.caskr.sync.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Logs and data of one launcher: {@code logs/}, {@code jars/}, {@code kafka/}, {@code postgres/}. A
 * file lock keeps a second launcher from wiping the directory under a running stack.
 */
final class RunDirectory {

  private static final List<String> WIPED_AT_START = List.of("logs", "kafka", "postgres");

  /**
   * Held until the JVM exits; the kernel drops the lock even after SIGKILL. Static because an
   * unreachable channel may be closed by the GC, which would release the lock early.
   */
  @SuppressWarnings("unused")
  private static FileChannel lockHolder;

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Locks {@code root} for this launcher.
   *
   * @throws StartFailure if another launcher holds it
   */
  static RunDirectory claim(Path root) throws IOException {
    Files.createDirectories(root);
    FileChannel channel =
        FileChannel.open(
            root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new StartFailure(
          "Another local stack is running from "
              + root
              + ": stop it with Ctrl-C, or pass --run-dir=<another dir>.");
    }
    lockHolder = channel;
    return new RunDirectory(root);
  }

  /** Removes what the previous run left, so every start begins from empty Kafka and PostgreSQL. */
  void wipe() throws IOException {
    for (String name : WIPED_AT_START) {
      deleteRecursively(root.resolve(name));
    }
    Files.createDirectories(logs());
  }

  Path root() {
    return root;
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path log(String name) {
    return logs().resolve(name + ".log");
  }

  /** Extracted service jars and their class-data archives, kept from run to run. */
  Path cache() {
    return root.resolve("cache");
  }

  Path kafka() {
    return root.resolve("kafka");
  }

  Path postgres() {
    return root.resolve("postgres");
  }

  /** Processes this launcher started outside its own JVM, for the next launcher to clean up. */
  Path leftoversFile() {
    return root.resolve("processes");
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
