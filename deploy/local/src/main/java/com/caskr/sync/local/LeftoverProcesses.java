package com.caskr.sync.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes a launcher starts (services, the postmaster), one line each. A launcher killed with
 * SIGKILL cannot stop them; the next launcher on the same run directory does, so their ports are
 * free again. A process counts only if its start time still matches: PIDs are reused.
 */
final class LeftoverProcesses {

  private final Path file;

  LeftoverProcesses(Path file) {
    this.file = file;
  }

  synchronized void remember(String name, ProcessHandle process) {
    Optional<Instant> started = process.info().startInstant();
    if (started.isEmpty()) {
      return;
    }
    String line = process.pid() + " " + started.get().toEpochMilli() + " " + name + "\n";
    try {
      Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** After a clean stop nothing is left over. */
  synchronized void forgetAll() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The next launcher finds only processes that are gone, and ignores them.
    }
  }

  /** Stops what an earlier launcher left running; returns their names. */
  List<String> stopAll(Duration grace) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    List<ProcessHandle> alive = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.split(" ", 3);
      if (fields.length < 3) {
        continue;
      }
      long pid = Long.parseLong(fields[0]);
      long startedMillis = Long.parseLong(fields[1]);
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startedMillis)
          .ifPresent(
              p -> {
                names.add(fields[2] + " (pid " + pid + ")");
                alive.add(p);
              });
    }
    alive.forEach(ProcessHandle::destroy);
    CompletableFuture<?> exited =
        CompletableFuture.allOf(
            alive.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
    try {
      exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      alive.forEach(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    Files.delete(file);
    return names;
  }
}
