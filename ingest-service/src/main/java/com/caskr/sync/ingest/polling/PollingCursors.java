package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.Optional;

/** Where each org's polls resume (table {@code ingest.polling_cursors}). */
interface PollingCursors {

  Optional<PollCursor> load(Tenant tenant, SalesforceEntity entity);

  /** Moves the cursor forward; a cursor older than the stored one is ignored. */
  void advance(Tenant tenant, SalesforceEntity entity, PollCursor cursor);
}
