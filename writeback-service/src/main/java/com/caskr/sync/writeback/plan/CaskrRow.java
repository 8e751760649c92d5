package com.caskr.sync.writeback.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** A Caskr row as it is now: its columns (JSON-like values) and its updated_at. */
public record CaskrRow(Map<String, Object> values, Instant updatedAt) {

  public CaskrRow {
    values = Collections.unmodifiableMap(new HashMap<>(values));
  }
}
