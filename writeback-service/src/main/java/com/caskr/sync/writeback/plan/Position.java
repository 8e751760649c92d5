package com.caskr.sync.writeback.plan;

import java.util.Objects;

/** A place in a partition of a Caskr change topic: the highest offset handled there. */
public record Position(String topic, int partition, long offset) {

  public Position {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("A position needs a partition and an offset >= 0");
    }
  }
}
