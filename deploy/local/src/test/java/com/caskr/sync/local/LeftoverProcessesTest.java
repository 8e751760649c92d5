package com.caskr.sync.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

  @TempDir Path dir;

  @Test
  void stopsWhatAKilledLauncherLeftRunning() throws IOException {
    Process orphan = new ProcessBuilder("sleep", "300").start();
    try {
      new LeftoverProcesses(dir.resolve("processes")).remember("sleeper", orphan.toHandle());

      LeftoverProcesses nextLauncher = new LeftoverProcesses(dir.resolve("processes"));
      assertThat(nextLauncher.stopAll(Duration.ofSeconds(10)))
          .containsExactly("sleeper (pid " + orphan.pid() + ")");

      assertThat(orphan.isAlive()).isFalse();
      assertThat(dir.resolve("processes")).doesNotExist();
    } finally {
      orphan.destroyForcibly();
    }
  }

  @Test
  void leavesAProcessAloneWhoseStartTimeDiffers() throws IOException {
    Process unrelated = new ProcessBuilder("sleep", "300").start();
    try {
      // Same PID, another start time: the PID was reused by a process that is not ours.
      Files.writeString(dir.resolve("processes"), unrelated.pid() + " 12345 auth-service\n");

      assertThat(new LeftoverProcesses(dir.resolve("processes")).stopAll(Duration.ofSeconds(1)))
          .isEmpty();
      assertThat(unrelated.isAlive()).isTrue();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  @Test
  void hasNothingToDoAfterACleanStop() throws IOException {
    LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes"));
    leftovers.remember("self", ProcessHandle.current());
    leftovers.forgetAll();

    assertThat(leftovers.stopAll(Duration.ofSeconds(1))).isEmpty();
  }
}
