package com.caskr.sync.emulator.admin;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /emulator/snapshots}: writes every org to {@code emulator.snapshot.dir}. */
@RestController
class SnapshotsController {

  private final Snapshots snapshots;

  SnapshotsController(Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  @PostMapping("/emulator/snapshots")
  ResponseEntity<Map<String, String>> save() {
    if (!snapshots.enabled()) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(Map.of("error", "Snapshots are off: set emulator.snapshot.dir"));
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("file", snapshots.save().toString()));
  }
}
