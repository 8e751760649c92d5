package com.caskr.sync.writeback.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the planner needs about one edited row.
 *
 * @param row the Caskr row now, by column (null when it was deleted)
 * @param caskrModifiedAt the row's updated_at
 * @param link its Salesforce record, null when not linked yet
 * @param salesforce the Salesforce side now, null when it did not change since the last sync
 */
public record RowState(
    Edit edit,
    Map<String, Object> row,
    Instant caskrModifiedAt,
    Link link,
    SalesforceState salesforce) {

  public RowState {
    row = row == null ? null : Collections.unmodifiableMap(new HashMap<>(row));
  }
}
