package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.mapping.conflicts.ConflictDetector;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue;
import com.caskr.sync.mapping.fieldmap.FieldCatalogue.CaskrColumn;
import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.outbox.Outbox;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.CaskrEntity;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.Resolution;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reviewer settles a PENDING conflict: keep Caskr's value, take Salesforce's, or a merged value
 * of their own. In one transaction: the value goes into the Caskr row (tagged with the sync
 * origin), the pair's snapshot records it as agreed, the conflict becomes RESOLVED, the sync log
 * gets a RESOLVE_CONFLICT row and sync.conflict.resolved.v1 goes into the outbox (writeback-service
 * pushes the value to Salesforce from there). Dismissing closes a conflict without a value: neither
 * side changes, the sync log gets a RESOLVE_CONFLICT row and sync.conflict.resolved.v1 says
 * DISMISSED.
 */
public final class ConflictResolutions {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ConflictQueue queue;
  private final CaskrRows rows;
  private final Outbox outbox;
  private final Clock clock;

  public ConflictResolutions(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      ConflictQueue queue,
      Outbox outbox,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.queue = queue;
    this.rows = new CaskrRows(jdbc);
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Resolves conflict {@code id} of {@code companyId}.
   *
   * @param merged the reviewer's value (a JSON value); only used, and then required, for MERGED
   * @throws ResolutionRefused when nothing was changed, with the reason
   */
  public StoredConflict resolve(
      long companyId, long id, Resolution resolution, Object merged, String resolvedBy) {
    if (resolution == Resolution.DISMISSED) {
      throw new ResolutionRefused(
          ResolutionRefused.Reason.INVALID_VALUE, "a conflict is dismissed, not resolved");
    }
    return transactions.execute(
        status -> {
          StoredConflict conflict = lockPending(companyId, id);
          CaskrEntity entity = FieldRule.pairedEntity(conflict.entity());
          CaskrColumn column =
              FieldCatalogue.caskrColumn(entity, conflict.field())
                  .orElseThrow(
                      () ->
                          new ResolutionRefused(
                              ResolutionRefused.Reason.INVALID_VALUE,
                              conflict.field() + " is not a column the sync writes"));
          CaskrRows.Current current =
              rows.read(companyId, entity, conflict.caskrId(), column)
                  .orElseThrow(
                      () ->
                          new ResolutionRefused(
                              ResolutionRefused.Reason.ROW_GONE,
                              "the " + entity.wireName() + " no longer exists"));
          if (resolution == Resolution.MERGED && merged == null && column.notNull()) {
            throw new ResolutionRefused(
                ResolutionRefused.Reason.INVALID_VALUE, "a MERGED resolution needs a value");
          }
          Object value =
              ConflictDetector.resolvedValue(
                  resolution, conflict.salesforceValue(), current.value(), merged);
          column
              .problemWith(value)
              .ifPresent(
                  problem -> {
                    throw new ResolutionRefused(ResolutionRefused.Reason.INVALID_VALUE, problem);
                  });
          Instant caskrModifiedAt = current.updatedAt();
          if (resolution != Resolution.KEEP_CASKR) {
            caskrModifiedAt =
                rows.write(companyId, entity, conflict.caskrId(), column, value)
                    .orElse(caskrModifiedAt);
          }
          recordAgreedValue(conflict, entity, value, caskrModifiedAt);
          queue.markResolved(id, resolution, value, resolvedBy);
          ConflictResolved event = resolved(conflict, entity, resolution, value, resolvedBy);
          log(conflict, event, null);
          outbox.append(event);
          return queue.find(companyId, id).orElseThrow();
        });
  }

  /**
   * Dismisses conflict {@code id} of {@code companyId}: it leaves the queue without a value, the
   * Caskr row and the pair's snapshot stay as they are (a later change that still disagrees is a
   * conflict again).
   *
   * @param reason the reviewer's note for the audit log, or null
   * @throws ResolutionRefused when the conflict does not exist or is no longer pending
   */
  public StoredConflict dismiss(long companyId, long id, String dismissedBy, String reason) {
    return transactions.execute(
        status -> {
          StoredConflict conflict = lockPending(companyId, id);
          queue.markDismissed(id, dismissedBy);
          ConflictResolved event =
              resolved(
                  conflict,
                  FieldRule.pairedEntity(conflict.entity()),
                  Resolution.DISMISSED,
                  null,
                  dismissedBy);
          log(conflict, event, reason);
          outbox.append(event);
          return queue.find(companyId, id).orElseThrow();
        });
  }

  private StoredConflict lockPending(long companyId, long id) {
    return queue
        .lockPending(companyId, id)
        .orElseThrow(
            () ->
                queue.find(companyId, id).isPresent()
                    ? new ResolutionRefused(
                        ResolutionRefused.Reason.NOT_PENDING,
                        "conflict " + id + " is no longer pending")
                    : new ResolutionRefused(
                        ResolutionRefused.Reason.NOT_FOUND, "no conflict " + id));
  }

  private ConflictResolved resolved(
      StoredConflict conflict,
      CaskrEntity entity,
      Resolution resolution,
      Object value,
      String resolvedBy) {
    return new ConflictResolved(
        UUID.randomUUID(),
        ConflictResolved.SCHEMA_VERSION,
        new Tenant(conflict.companyId(), conflict.orgId()),
        conflict.conflictId(),
        entity,
        conflict.caskrId(),
        conflict.entity().apiName(),
        conflict.salesforceId(),
        conflict.field(),
        conflict.salesforceField(),
        conflict.strategy(),
        resolution,
        value,
        resolvedBy,
        clock.instant(),
        UUID.randomUUID().toString().replace("-", ""));
  }

  private void recordAgreedValue(
      StoredConflict conflict, CaskrEntity entity, Object value, Instant caskrModifiedAt) {
    jdbc.sql(
            """
            update mapping.crm_entity_mappings
               set last_synced_fields =
                       last_synced_fields || jsonb_build_object(:field, cast(:value as jsonb)),
                   caskr_modified_at = :caskrAt, last_synced_at = now()
             where company_id = :company and caskr_entity = :entity and caskr_id = :caskrId
            """)
        .param("field", conflict.field())
        .param("value", ConflictQueue.json(value))
        .param("caskrAt", OffsetDateTime.ofInstant(caskrModifiedAt, ZoneOffset.UTC))
        .param("company", conflict.companyId())
        .param("entity", entity.wireName())
        .param("caskrId", conflict.caskrId())
        .update();
  }

  private void log(StoredConflict conflict, ConflictResolved event, String reason) {
    boolean dismissed = event.resolution() == Resolution.DISMISSED;
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("conflictId", conflict.conflictId().toString());
    request.put("field", conflict.field());
    request.put("resolution", event.resolution().name());
    request.put("resolvedBy", event.resolvedBy());
    if (reason != null) {
      request.put("reason", reason);
    }
    jdbc.sql(
            """
            insert into mapping.crm_sync_logs
                (company_id, org_id, entity, direction, operation, source, salesforce_id, caskr_id,
                 status, error_code, records_processed, records_updated, request_payload, event_id,
                 trace_id, completed_at)
            values (:company, :org, :entity, 'INBOUND', 'RESOLVE_CONFLICT', 'MANUAL', :salesforceId,
                    :caskrId, 'SUCCESS', :code, 1, :updated, cast(:request as jsonb), :event, :trace,
                    now())
            """)
        .param("code", dismissed ? "DISMISSED" : null)
        .param("updated", dismissed ? 0 : 1)
        .param("company", conflict.companyId())
        .param("org", conflict.orgId().value())
        .param("entity", conflict.entity().apiName())
        .param("salesforceId", conflict.salesforceId().value())
        .param("caskrId", conflict.caskrId())
        .param("request", ConflictQueue.json(request))
        .param("event", event.eventId())
        .param("trace", event.traceId())
        .update();
  }
}
