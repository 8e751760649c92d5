package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of crm_sync_conflicts. Values are JSON values in Caskr's representation.
 *
 * @param id the admin API's handle
 * @param conflictId the id on sync.conflict.*.v1
 * @param baseKnown false when there was no snapshot of the field (base is then null)
 * @param resolution null while PENDING or when DISMISSED
 */
public record StoredConflict(
    long id,
    UUID conflictId,
    long companyId,
    SalesforceId orgId,
    SalesforceEntity entity,
    long caskrId,
    SalesforceId salesforceId,
    String field,
    String salesforceField,
    boolean baseKnown,
    Object baseValue,
    Object salesforceValue,
    Object caskrValue,
    Instant salesforceModifiedAt,
    Instant caskrModifiedAt,
    String detectedDirection,
    ConflictStrategy strategy,
    boolean critical,
    Status status,
    Resolution resolution,
    Object resolvedValue,
    String resolvedBy,
    Instant resolvedAt,
    Instant detectedAt,
    UUID sourceEventId) {

  /** Where a conflict is in the queue. */
  public enum Status {
    PENDING,
    RESOLVED,
    DISMISSED
  }
}
