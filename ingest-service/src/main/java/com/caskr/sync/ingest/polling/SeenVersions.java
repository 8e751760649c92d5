package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The (Id, SystemModstamp) pairs one org and entity already published inside the overlap window, so
 * re-reading the window does not publish them again. A newer SystemModstamp of the same Id is a new
 * version and passes. Kept in memory: after a restart the window is published again, and consumers
 * drop those duplicates by sourceVersion.
 */
final class SeenVersions {

  private final Map<SalesforceId, Instant> latest = new HashMap<>();

  /** Whether this version has not been published yet. */
  synchronized boolean isNew(SalesforceId id, Instant systemModstamp) {
    Instant seen = latest.get(id);
    return seen == null || systemModstamp.isAfter(seen);
  }

  synchronized void published(SalesforceId id, Instant systemModstamp) {
    latest.merge(id, systemModstamp, (a, b) -> a.isAfter(b) ? a : b);
  }
}
