package com.caskr.sync.salesforce.rest;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import java.util.List;

/** {@code sobjects/X/updated}: ids changed in the window (at most 30 days back). */
public record UpdatedRecords(List<SalesforceId> ids, Instant latestDateCovered) {

  public UpdatedRecords {
    ids = List.copyOf(ids);
  }
}
