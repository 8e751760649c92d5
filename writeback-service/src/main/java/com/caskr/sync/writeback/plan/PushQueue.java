package com.caskr.sync.writeback.plan;

import java.time.Duration;
import java.util.List;

/**
 * Edits waiting to be pushed, collapsed per row where they wait. A claimed edit is leased to one
 * pusher; {@link #done} removes it unless a newer edit of the row arrived meanwhile.
 */
public interface PushQueue {

  /** Stores the edits in one statement; edits of one row merge (here and with a waiting edit). */
  void add(List<Edit> edits);

  /**
   * The intake has stored (or skipped) every record up to these positions: claims wait until it has
   * reached what the trigger-log relay published.
   */
  void queued(List<Position> positions);

  /**
   * The due edits of every company whose burst has settled (no edit for the settle window, none
   * still unsent in the trigger log, and the intake caught up with the relay): all of them, up to
   * {@code limit} per company and entity, interactive first, leased for {@code lease}. A company
   * whose oldest waiting edit reached max-wait before its burst settled gives its oldest edits in
   * whole calls only (see the store).
   */
  List<Claimed> claim(int limit, Duration lease);

  /** Removes the edits, each unless its row was edited again since the claim. */
  void done(List<Claimed> claimed);

  /** Back in the queue, due after {@code delay}; {@code countAsAttempt} counts a failed try. */
  void retryLater(List<Claimed> claimed, Duration delay, boolean countAsAttempt);

  /** A leased edit: {@code version} tells whether the row was edited again since the claim. */
  record Claimed(Edit edit, long version, int attempts) {}
}
