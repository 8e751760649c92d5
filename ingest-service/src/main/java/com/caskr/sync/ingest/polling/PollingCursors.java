package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where each org's polls resume (table {@code ingest.polling_cursors}) and which versions inside
 * the overlap behind the cursor were already published ({@code ingest.poll_seen_versions}).
 */
interface PollingCursors {

  Optional<PollCursor> load(Tenant tenant, SalesforceEntity entity);

  /** Moves the cursor forward; a cursor older than the stored one is ignored. */
  void advance(Tenant tenant, SalesforceEntity entity, PollCursor cursor);

  /** The published versions with a SystemModstamp at or after {@code since} (null: all). */
  SeenVersions seen(Tenant tenant, SalesforceEntity entity, Instant since);

  /** Remembers versions Kafka acknowledged; a newer stored version of a record is kept. */
  void remember(Tenant tenant, SalesforceEntity entity, Map<SalesforceId, Instant> versions);

  /** Forgets versions older than {@code windowStart}: no poll reads them again. */
  void forgetBefore(Tenant tenant, SalesforceEntity entity, Instant windowStart);
}
