package com.caskr.sync.mapping.admin;

import com.caskr.sync.schema.json.EventJson;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads crm_sync_logs and the per-entity sync status for the admin API. */
final class SyncLogs {

  private final JdbcClient jdbc;

  SyncLogs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Which log rows to list; null criteria match everything. */
  record Filter(
      long companyId,
      String entity,
      String status,
      String operation,
      String salesforceId,
      Long caskrId,
      Instant from,
      Instant to) {}

  /** A log row without its payloads (see {@link Detail}). */
  record Entry(
      long id,
      String orgId,
      String entity,
      String direction,
      String operation,
      String source,
      String salesforceId,
      Long caskrId,
      String status,
      String errorCode,
      String errorMessage,
      int retryCount,
      int recordsProcessed,
      int recordsCreated,
      int recordsUpdated,
      int recordsFailed,
      BigDecimal driftRatio,
      Long durationMs,
      UUID eventId,
      String traceId,
      Instant startedAt,
      Instant completedAt) {}

  /** A log row with the payloads it stored (without secrets, as written). */
  record Detail(Entry entry, Object requestPayload, Object responsePayload) {}

  /** Per Salesforce object: what the sync did in the window and what waits for people. */
  record EntityStatus(
      String entity,
      Instant lastSyncAt,
      Instant lastFailureAt,
      long succeeded,
      long failed,
      long skipped,
      long conflicts,
      long held,
      Double successRate,
      long pendingConflicts,
      long heldRecords,
      long mappedRecords) {}

  private static final String WHERE =
      """
       where company_id = :company
         and (cast(:entity as text) is null or entity = :entity)
         and (cast(:status as text) is null or status = :status)
         and (cast(:operation as text) is null or operation = :operation)
         and (cast(:salesforceId as text) is null or salesforce_id = :salesforceId)
         and (cast(:caskrId as bigint) is null or caskr_id = :caskrId)
         and (cast(:from as timestamptz) is null or started_at >= :from)
         and (cast(:to as timestamptz) is null or started_at < :to)
      """;

  /** A page of rows matching a filter, newest first. */
  static final String LIST =
      "select * from mapping.crm_sync_logs"
          + WHERE
          + " order by started_at desc, id desc limit :limit offset :offset";

  /** How many rows match a filter. */
  static final String COUNT = "select count(*) from mapping.crm_sync_logs" + WHERE;

  /** One entity's status; its parameters are the company, the entity and the window's start. */
  static final String STATUS =
      """
      select
        (select max(completed_at) from mapping.crm_sync_logs
          where company_id = :company and entity = :entity and status = 'SUCCESS')
          as last_sync_at,
        (select max(started_at) from mapping.crm_sync_logs
          where company_id = :company and entity = :entity and status = 'FAILED')
          as last_failure_at,
        count(*) filter (where status = 'SUCCESS') as succeeded,
        count(*) filter (where status = 'FAILED') as failed,
        count(*) filter (where status = 'SKIPPED') as skipped,
        count(*) filter (where status = 'CONFLICT') as conflicts,
        count(*) filter (where status = 'HELD') as held,
        (select count(*) from mapping.crm_sync_conflicts
          where company_id = :company and entity = :entity and status = 'PENDING')
          as pending_conflicts,
        (select count(*) from mapping.crm_review_holds
          where company_id = :company and entity = :entity and status = 'HELD')
          as held_records,
        (select count(*) from mapping.crm_entity_mappings
          where company_id = :company and salesforce_object = :entity
            and sync_status = 'ACTIVE') as mapped_records
        from mapping.crm_sync_logs
       where company_id = :company and entity = :entity and started_at >= :since
      """;

  List<Entry> list(Filter filter, Paging paging) {
    return params(jdbc.sql(LIST), filter)
        .param("limit", paging.size())
        .param("offset", paging.offset())
        .query((rs, row) -> entry(rs))
        .list();
  }

  long count(Filter filter) {
    return params(jdbc.sql(COUNT), filter).query(Long.class).single();
  }

  Optional<Detail> find(long companyId, long id) {
    return jdbc.sql(
            "select *, request_payload::text as request, response_payload::text as response"
                + " from mapping.crm_sync_logs where company_id = :company and id = :id")
        .param("company", companyId)
        .param("id", id)
        .query(
            (rs, row) ->
                new Detail(
                    entry(rs), json(rs.getString("request")), json(rs.getString("response"))))
        .optional();
  }

  /** Status of {@code entity} over the sync log rows started since {@code since}. */
  EntityStatus status(long companyId, String entity, Instant since) {
    return jdbc.sql(STATUS)
        .param("company", companyId)
        .param("entity", entity)
        .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
        .query(
            (rs, row) -> {
              long succeeded = rs.getLong("succeeded");
              long failed = rs.getLong("failed");
              return new EntityStatus(
                  entity,
                  instant(rs, "last_sync_at"),
                  instant(rs, "last_failure_at"),
                  succeeded,
                  failed,
                  rs.getLong("skipped"),
                  rs.getLong("conflicts"),
                  rs.getLong("held"),
                  // Conflicts, holds and skips are outcomes, not failures: the rate is of the
                  // attempts that either worked or broke.
                  succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed),
                  rs.getLong("pending_conflicts"),
                  rs.getLong("held_records"),
                  rs.getLong("mapped_records"));
            })
        .single();
  }

  static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, Filter filter) {
    return spec.param("company", filter.companyId())
        .param("entity", filter.entity())
        .param("status", filter.status())
        .param("operation", filter.operation())
        .param("salesforceId", filter.salesforceId())
        .param("caskrId", filter.caskrId())
        .param("from", time(filter.from()))
        .param("to", time(filter.to()));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("org_id"),
        rs.getString("entity"),
        rs.getString("direction"),
        rs.getString("operation"),
        rs.getString("source"),
        rs.getString("salesforce_id"),
        rs.getObject("caskr_id", Long.class),
        rs.getString("status"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getInt("retry_count"),
        rs.getInt("records_processed"),
        rs.getInt("records_created"),
        rs.getInt("records_updated"),
        rs.getInt("records_failed"),
        rs.getBigDecimal("drift_ratio"),
        rs.getObject("duration_ms", Long.class),
        rs.getObject("event_id", UUID.class),
        rs.getString("trace_id"),
        instant(rs, "started_at"),
        instant(rs, "completed_at"));
  }

  private static Object json(String text) {
    return text == null ? null : EventJson.mapper().readValue(text, Object.class);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
