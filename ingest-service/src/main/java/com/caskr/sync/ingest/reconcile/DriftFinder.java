package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.schema.SalesforceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a Salesforce sweep, streamed row by row, with the record pairs mapping-service holds
 * (ARCHITECTURE.md §5.4). The pairs are held in memory (about 100 bytes each: 100,000 records fit
 * in ~10 MB); the sweep is never held whole.
 */
final class DriftFinder {

  private final Map<SalesforceId, MappedRecord> unseen;
  private final long mappedCount;
  private final List<SalesforceId> missing = new ArrayList<>();
  private final List<SalesforceId> stale = new ArrayList<>();
  private final List<SweptRecord> softDeleted = new ArrayList<>();
  private long salesforceCount;

  DriftFinder(Collection<MappedRecord> mapped) {
    this.unseen = HashMap.newHashMap(mapped.size());
    for (MappedRecord record : mapped) {
      unseen.put(record.id(), record);
    }
    this.mappedCount = unseen.size();
  }

  void accept(SweptRecord swept) {
    MappedRecord mapped = unseen.remove(swept.id());
    if (swept.deleted()) {
      if (mapped != null && !mapped.deleted()) {
        softDeleted.add(swept);
      }
      return;
    }
    salesforceCount++;
    if (mapped == null || mapped.deleted()) {
      missing.add(swept.id());
    } else if (mapped.salesforceModifiedAt() == null
        || mapped.salesforceModifiedAt().isBefore(swept.systemModstamp())) {
      stale.add(swept.id());
    }
  }

  Drift finish() {
    var hardDeleted = new ArrayList<SalesforceId>();
    for (MappedRecord left : unseen.values()) {
      if (!left.deleted()) {
        hardDeleted.add(left.id());
      }
    }
    return new Drift(salesforceCount, mappedCount, missing, stale, softDeleted, hardDeleted);
  }
}
