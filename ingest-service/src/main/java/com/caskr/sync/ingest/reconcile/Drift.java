package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.schema.SalesforceId;
import java.util.List;

/**
 * What a sweep found missing or out of date in Caskr.
 *
 * @param salesforceCount live records in Salesforce (recycle bin excluded)
 * @param mappedCount record pairs mapping-service holds for this org and object
 * @param missing live in Salesforce, never applied (or marked deleted) in Caskr
 * @param stale live in Salesforce with a newer SystemModstamp than the one applied
 * @param softDeleted in Salesforce's recycle bin, still live in Caskr
 * @param hardDeleted gone from Salesforce altogether, still live in Caskr
 */
record Drift(
    long salesforceCount,
    long mappedCount,
    List<SalesforceId> missing,
    List<SalesforceId> stale,
    List<SweptRecord> softDeleted,
    List<SalesforceId> hardDeleted) {

  Drift {
    missing = List.copyOf(missing);
    stale = List.copyOf(stale);
    softDeleted = List.copyOf(softDeleted);
    hardDeleted = List.copyOf(hardDeleted);
  }

  int deletedCount() {
    return softDeleted.size() + hardDeleted.size();
  }

  int differences() {
    return missing.size() + stale.size() + deletedCount();
  }

  /**
   * (missing + stale + deleted) / records in Salesforce; with no record in Salesforce, 1 if Caskr
   * still holds any, else 0.
   */
  double ratio() {
    if (salesforceCount == 0) {
      return differences() == 0 ? 0.0 : 1.0;
    }
    return (double) differences() / salesforceCount;
  }
}
