package com.caskr.sync.emulator.org;

import java.time.Instant;
import java.util.List;

/** What getUpdated and getDeleted answer (REST: sobjects/{type}/updated and /deleted). */
public final class Replication {

  private Replication() {}

  /** Records created or changed in the window, by SystemModstamp. */
  public record UpdatedIds(List<String> ids, Instant latestDateCovered) {
    public UpdatedIds {
      ids = List.copyOf(ids);
    }
  }

  /** Records deleted in the window, hard-deleted ones included while the delete log has them. */
  public record DeletedIds(
      List<DeletedRecord> deletedRecords,
      Instant earliestDateAvailable,
      Instant latestDateCovered) {
    public DeletedIds {
      deletedRecords = List.copyOf(deletedRecords);
    }
  }

  public record DeletedRecord(String id, Instant deletedDate) {}
}
