package com.caskr.sync.emulator.org;

import java.util.List;

/**
 * Receives every committed transaction of an org, in commit order. Called on the writer's thread
 * while the org's write lock is held, so deliveries never interleave; hand off anything slow. The
 * write is already applied when this runs: a listener that throws makes the caller see a failure
 * for a committed write, and one that writes to the org would nest a transaction inside the
 * delivery, so do neither.
 */
@FunctionalInterface
public interface ChangeListener {

  /** The transaction's changes, in sequence order (sequenceNumber 1, 2, …). */
  void committed(List<ChangeRecord> changes);
}
