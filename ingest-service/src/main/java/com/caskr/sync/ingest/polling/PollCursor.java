package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;

/**
 * The last record a poll published and Kafka acknowledged, in the poll's order (SystemModstamp,
 * Id).
 */
record PollCursor(Instant systemModstamp, SalesforceId recordId) implements Comparable<PollCursor> {

  PollCursor {
    if (systemModstamp == null || recordId == null) {
      throw new IllegalArgumentException("A cursor is a SystemModstamp and an Id");
    }
  }

  @Override
  public int compareTo(PollCursor other) {
    int byTime = systemModstamp.compareTo(other.systemModstamp);
    return byTime != 0 ? byTime : recordId.value().compareTo(other.recordId.value());
  }
}
