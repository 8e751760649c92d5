package com.caskr.sync.emulator.admin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where snapshots live ({@code emulator.snapshot.*}).
 *
 * @param dir the directory of {@code emulator-snapshot.json}; null: no snapshots
 * @param saveOnShutdown whether a graceful shutdown writes one
 */
@ConfigurationProperties("emulator.snapshot")
record SnapshotSettings(Path dir, boolean saveOnShutdown) {

  Path file() {
    return dir == null ? null : dir.resolve("emulator-snapshot.json");
  }
}
