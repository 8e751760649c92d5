package com.caskr.sync.writeback.plan;

import java.util.List;
import java.util.Map;

/**
 * The plan for one row: a write (or none), the conflicts found, and snapshot values to record
 * without writing (Salesforce already had Caskr's value).
 *
 * @param write null when nothing needs sending
 */
public record RecordPlan(Write write, List<Conflict> conflicts, Map<String, Object> agreed) {

  public RecordPlan {
    conflicts = List.copyOf(conflicts);
  }

  public boolean writes() {
    return write != null;
  }
}
