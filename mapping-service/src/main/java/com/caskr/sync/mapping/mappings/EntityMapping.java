package com.caskr.sync.mapping.mappings;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Salesforce record paired with a Caskr row (crm_entity_mappings) and what both sides agreed on
 * at the last sync.
 *
 * @param lastSyncedFields Caskr column → value at the last sync: the base of conflict detection
 * @param lastSourceVersion the sourceVersion of the last applied event; older events are stale
 */
public record EntityMapping(
    long id,
    long companyId,
    SalesforceId orgId,
    SalesforceEntity salesforceObject,
    SalesforceId salesforceId,
    long caskrId,
    Map<String, Object> lastSyncedFields,
    Instant lastSourceVersion,
    boolean deleted) {

  public EntityMapping {
    // JSON nulls ("known to be empty") are values of the snapshot, so no Map.copyOf.
    lastSyncedFields = Collections.unmodifiableMap(new LinkedHashMap<>(lastSyncedFields));
  }

  /** Whether an event with {@code sourceVersion} is not newer than what was applied. */
  public boolean isStale(Instant sourceVersion) {
    return lastSourceVersion != null && !sourceVersion.isAfter(lastSourceVersion);
  }
}
