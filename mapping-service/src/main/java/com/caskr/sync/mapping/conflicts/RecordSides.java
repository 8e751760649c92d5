package com.caskr.sync.mapping.conflicts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three versions of one record pair that conflict detection compares, all keyed by Caskr column
 * and in Caskr's representation.
 *
 * @param salesforce the incoming Salesforce values after field mapping (only the fields the event
 *     carried)
 * @param caskr the Caskr row as it is now
 * @param base crm_entity_mappings.last_synced_fields: what both sides agreed on at the last sync; a
 *     column missing from it has an unknown base
 * @param salesforceModifiedAt the incoming change's SystemModstamp / commit time
 * @param caskrModifiedAt the Caskr row's updated_at
 */
public record RecordSides(
    Map<String, Object> salesforce,
    Map<String, Object> caskr,
    Map<String, Object> base,
    Instant salesforceModifiedAt,
    Instant caskrModifiedAt) {

  public RecordSides {
    salesforce = copy(salesforce);
    caskr = copy(caskr);
    base = copy(base);
    if (salesforceModifiedAt == null || caskrModifiedAt == null) {
      throw new IllegalArgumentException("both modification times are required");
    }
  }

  private static Map<String, Object> copy(Map<String, Object> values) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
