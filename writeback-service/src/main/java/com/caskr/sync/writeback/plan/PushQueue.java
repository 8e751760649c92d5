package com.caskr.sync.writeback.plan;

import java.time.Duration;
import java.util.List;

/**
 * Edits waiting to be pushed, collapsed per row where they wait. A claimed edit is leased to one
 * pusher; {@link #done} removes it unless a newer edit of the row arrived meanwhile.
 */
public interface PushQueue {

  void add(List<Edit> edits);

  /** Up to {@code limit} due edits, interactive first, leased for {@code lease}. */
  List<Claimed> claim(int limit, Duration lease);

  void done(Claimed claimed);

  /** Back in the queue, due after {@code delay}; {@code attempt} counts failed tries. */
  void retryLater(Claimed claimed, Duration delay, boolean countAsAttempt);

  /** A leased edit: {@code version} tells whether the row was edited again since the claim. */
  record Claimed(Edit edit, long version, int attempts) {}
}
