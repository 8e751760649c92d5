package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;

/** One row of the Bulk 2.0 sweep: Id, SystemModstamp, IsDeleted (queryAll). */
record SweptRecord(SalesforceId id, Instant systemModstamp, boolean deleted) {}
