package com.caskr.sync.salesforce.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.ReplayPreset;
import com.google.protobuf.ByteString;

/**
 * Where a subscription starts when it has no stored position of its own: the newest events only,
 * the oldest retained ones, or strictly after a stored replay id.
 */
public final class ReplayStart {

  private static final ReplayStart LATEST = new ReplayStart(ReplayPreset.LATEST, null);
  private static final ReplayStart EARLIEST = new ReplayStart(ReplayPreset.EARLIEST, null);

  private final ReplayPreset preset;
  private final ReplayId after;

  private ReplayStart(ReplayPreset preset, ReplayId after) {
    this.preset = preset;
    this.after = after;
  }

  /** Only events published after the subscription starts. */
  public static ReplayStart latest() {
    return LATEST;
  }

  /** Every retained event (up to 72 hours back on Salesforce). */
  public static ReplayStart earliest() {
    return EARLIEST;
  }

  /** The events after a stored position (Salesforce's CUSTOM preset). */
  public static ReplayStart after(ReplayId replayId) {
    if (replayId == null) {
      throw new IllegalArgumentException("replayId is required");
    }
    return new ReplayStart(ReplayPreset.CUSTOM, replayId);
  }

  ReplayPreset preset() {
    return preset;
  }

  /** The stored position, or null for the presets. */
  ReplayId replayId() {
    return after;
  }

  ByteString replayIdBytes() {
    return after == null ? ByteString.EMPTY : ByteString.copyFrom(after.bytes());
  }

  @Override
  public String toString() {
    return after == null ? preset.name() : "CUSTOM after " + after;
  }
}
