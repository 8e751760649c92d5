package com.caskr.sync.mapping.reviewholds;

import com.caskr.sync.mapping.outbox.Outbox;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * crm_review_holds for people: list them, dismiss one (the change is dropped), or release one once
 * its cause is fixed (a product created for the unknown SKU, the duplicate email cleared).
 *
 * <p>Releasing sends the held change through the normal path again: the held
 * SalesforceRecordChanged goes back onto its topic through the outbox under a new event id (the
 * ledger already knows the old one), with its original sourceVersion, so a newer change applied
 * since still wins. Only inbound holds can be released here; writeback-service owns the outbound
 * ones.
 */
public final class ReviewHolds {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Outbox outbox;

  public ReviewHolds(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.outbox = outbox;
  }

  /** A page of {@code companyId}'s holds, newest first; null filters match everything. */
  public List<ReviewHold> list(
      long companyId, String status, String entity, int limit, long offset) {
    return jdbc.sql(
            """
            select * from mapping.crm_review_holds
             where company_id = :company
               and (cast(:status as text) is null or status = :status)
               and (cast(:entity as text) is null or entity = :entity)
             order by held_at desc, id desc
             limit :limit offset :offset
            """)
        .param("company", companyId)
        .param("status", status)
        .param("entity", entity)
        .param("limit", limit)
        .param("offset", offset)
        .query((rs, row) -> hold(rs))
        .list();
  }

  /** How many holds {@link #list} would return without paging. */
  public long count(long companyId, String status, String entity) {
    return jdbc.sql(
            """
            select count(*) from mapping.crm_review_holds
             where company_id = :company
               and (cast(:status as text) is null or status = :status)
               and (cast(:entity as text) is null or entity = :entity)
            """)
        .param("company", companyId)
        .param("status", status)
        .param("entity", entity)
        .query(Long.class)
        .single();
  }

  /** One hold of {@code companyId}. */
  public Optional<ReviewHold> find(long companyId, long id) {
    return jdbc.sql(
            "select * from mapping.crm_review_holds where company_id = :company and id = :id")
        .param("company", companyId)
        .param("id", id)
        .query((rs, row) -> hold(rs))
        .optional();
  }

  /** Re-applies the held change and marks the hold RELEASED. */
  public ReviewHold release(long companyId, long id, String by) {
    return transactions.execute(
        status -> {
          String payload = lockHeld(companyId, id);
          SalesforceRecordChanged held;
          try {
            held = EventJson.mapper().readValue(payload, SalesforceRecordChanged.class);
          } catch (JacksonException | IllegalArgumentException e) {
            throw new HoldRefused(false, "hold " + id + " does not hold a Salesforce change");
          }
          if (held.tenant().companyId() != companyId) {
            throw new HoldRefused(false, "hold " + id + " holds another company's change");
          }
          finish(id, "RELEASED", by);
          outbox.append(
              new SalesforceRecordChanged(
                  UUID.randomUUID(),
                  held.schemaVersion(),
                  held.tenant(),
                  held.entity(),
                  held.recordId(),
                  held.changeType(),
                  held.source(),
                  held.sourceVersion(),
                  held.changedFields(),
                  held.fields(),
                  held.lineItems(),
                  held.changeOrigin(),
                  held.echo(),
                  held.occurredAt(),
                  Instant.now(),
                  held.traceId()));
          return find(companyId, id).orElseThrow();
        });
  }

  /** Drops the held change and marks the hold DISMISSED. */
  public ReviewHold dismiss(long companyId, long id, String by) {
    return transactions.execute(
        status -> {
          lockHeld(companyId, id);
          finish(id, "DISMISSED", by);
          return find(companyId, id).orElseThrow();
        });
  }

  private String lockHeld(long companyId, long id) {
    var row =
        jdbc.sql(
                """
                select status, direction, payload::text as payload from mapping.crm_review_holds
                 where company_id = :company and id = :id for update
                """)
            .param("company", companyId)
            .param("id", id)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            .optional()
            .orElseThrow(() -> new HoldRefused(true, "no hold " + id));
    if (!row[0].equals("HELD")) {
      throw new HoldRefused(false, "hold " + id + " is already " + row[0]);
    }
    if (!row[1].equals("INBOUND")) {
      throw new HoldRefused(false, "hold " + id + " is writeback-service's (OUTBOUND)");
    }
    return row[2];
  }

  private void finish(long id, String status, String by) {
    jdbc.sql(
            """
            update mapping.crm_review_holds
               set status = :status, resolved_by = :by, resolved_at = now()
             where id = :id
            """)
        .param("status", status)
        .param("by", by)
        .param("id", id)
        .update();
  }

  private static ReviewHold hold(ResultSet rs) throws SQLException {
    return new ReviewHold(
        rs.getLong("id"),
        rs.getLong("company_id"),
        rs.getString("org_id"),
        rs.getString("entity"),
        rs.getString("direction"),
        rs.getString("salesforce_id"),
        rs.getObject("caskr_id", Long.class),
        rs.getString("reason"),
        EventJson.mapper().readValue(rs.getString("details"), OBJECT),
        rs.getString("status"),
        instant(rs, "held_at"),
        rs.getString("resolved_by"),
        instant(rs, "resolved_at"),
        rs.getObject("source_event_id", UUID.class));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
