package com.caskr.sync.salesforce.rest;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import java.util.List;

/**
 * {@code sobjects/X/deleted}: recycle-bin deletes in the window (at most 15 days back). Hard
 * deletes never appear here; reconcile with Bulk 2.0 Id diffs (gotcha 7).
 */
public record DeletedRecords(
    List<Deleted> deletedRecords, Instant earliestDateAvailable, Instant latestDateCovered) {

  /** One deleted record. */
  public record Deleted(SalesforceId id, Instant deletedDate) {}

  public DeletedRecords {
    deletedRecords = List.copyOf(deletedRecords);
  }
}
