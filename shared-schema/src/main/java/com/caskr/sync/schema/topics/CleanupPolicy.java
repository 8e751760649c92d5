package com.caskr.sync.schema.topics;

/** Kafka's cleanup.policy. */
public enum CleanupPolicy {
  /** Segments older than the retention are deleted. */
  DELETE,
  /** Only the latest record per key is kept, forever: topics that hold a current state. */
  COMPACT;

  /** The value of the cleanup.policy topic config. */
  public String configValue() {
    return switch (this) {
      case DELETE -> "delete";
      case COMPACT -> "compact";
    };
  }
}
