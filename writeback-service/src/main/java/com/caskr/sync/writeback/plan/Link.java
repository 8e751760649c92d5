package com.caskr.sync.writeback.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Caskr row's Salesforce record ({@code mapping.crm_entity_mappings}) and the snapshot both sides
 * last agreed on, keyed by Caskr field.
 *
 * @param syncedAt when the pair was last synced: Salesforce changes after it may conflict
 */
public record Link(String salesforceId, Map<String, Object> lastSynced, Instant syncedAt) {

  public Link {
    Objects.requireNonNull(salesforceId, "salesforceId");
    Objects.requireNonNull(syncedAt, "syncedAt");
    lastSynced = Collections.unmodifiableMap(new HashMap<>(lastSynced));
  }
}
