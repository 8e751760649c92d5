package com.caskr.sync.ingest.orgwork;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SyncMode;
import java.time.Instant;

/**
 * Polling on request (sync commands): implemented by {@code polling}, called by {@code commands},
 * so the two adapters meet here and not in each other (STYLE rule 3). Each call returns once the
 * changes it read are acknowledged by Kafka, and throws when they are not.
 */
public interface OrgPolls {

  /**
   * Polls {@code entity} of {@code tenant}'s org now.
   *
   * @param since INCREMENTAL only: read from this instant instead of the cursor; null for the
   *     cursor
   */
  void pollNow(
      Tenant tenant, SalesforceEntity entity, SyncMode mode, Instant since, String traceId);

  /** Reads one record again and publishes it (source MANUAL), deleted or not. */
  void resync(Tenant tenant, SalesforceEntity entity, SalesforceId recordId, String traceId);
}
