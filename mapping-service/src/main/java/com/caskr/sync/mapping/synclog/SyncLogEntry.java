package com.caskr.sync.mapping.synclog;

import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import java.util.UUID;

/**
 * One applied (or skipped, held, failed) inbound event, as crm_sync_logs stores it.
 *
 * @param entity the Salesforce object (Account, Contact, Opportunity)
 * @param operation CREATE, UPDATE, DELETE, UNDELETE or SKIP
 * @param source the envelope's source (PUBSUB_CDC, POLL, ...)
 * @param status SUCCESS, SKIPPED, HELD, CONFLICT or FAILED
 * @param errorCode a stable code to filter on (STALE, ECHO, UNKNOWN_SKU, ...); null on success
 * @param errorMessage what happened, without field values that could be secrets
 */
public record SyncLogEntry(
    long companyId,
    SalesforceId orgId,
    String entity,
    String operation,
    String source,
    SalesforceId salesforceId,
    Long caskrId,
    String status,
    String errorCode,
    String errorMessage,
    UUID eventId,
    String traceId,
    Instant startedAt) {}
