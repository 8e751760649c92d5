package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;

/**
 * What one reconciliation of an entity did.
 *
 * @param ran false when another run of the same org and entity was in progress
 * @param published envelopes Kafka acknowledged: missing and stale records read again, deletes
 */
public record Reconciliation(
    SalesforceEntity entity,
    boolean ran,
    long salesforceCount,
    int missing,
    int stale,
    int deleted,
    int published,
    double driftRatio,
    Duration duration) {

  static Reconciliation skipped(SalesforceEntity entity) {
    return new Reconciliation(entity, false, 0, 0, 0, 0, 0, 0, Duration.ZERO);
  }
}
