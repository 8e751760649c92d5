package com.caskr.sync.writeback.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A linked record as Salesforce has it now, known only when it changed there since its last sync.
 *
 * @param values by Salesforce field name (nulls allowed)
 * @param modifiedAt its SystemModstamp
 */
public record SalesforceState(Map<String, Object> values, Instant modifiedAt) {

  public SalesforceState {
    values = Collections.unmodifiableMap(new HashMap<>(values));
    Objects.requireNonNull(modifiedAt, "modifiedAt");
  }
}
