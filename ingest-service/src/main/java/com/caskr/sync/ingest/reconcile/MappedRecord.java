package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;

/**
 * What mapping-service has applied of one Salesforce record ({@code crm_entity_mappings}).
 *
 * @param salesforceModifiedAt SystemModstamp of the version last applied; null if unknown
 * @param deleted the pair is marked DELETED
 */
record MappedRecord(SalesforceId id, Instant salesforceModifiedAt, boolean deleted) {}
