package com.caskr.sync.mapping.conflictqueue;

import com.caskr.sync.mapping.fieldmap.FieldCatalogue.CaskrColumn;
import com.caskr.sync.schema.events.CaskrEntity;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and writes one column of a Caskr row for a conflict resolution. Writes carry the sync
 * origin tag: {@code set_config('caskr.sync_origin', 'salesforce-sync', true)} in the same
 * transaction, so writeback-service's capture trigger does not treat them as Caskr edits (the
 * resolved value reaches Salesforce through sync.conflict.resolved.v1 instead).
 *
 * <p>Column names come from {@link com.caskr.sync.mapping.fieldmap.FieldCatalogue} only, never from
 * a request, so they can be spliced into the statement.
 */
final class CaskrRows {

  /** The value writeback-service's trigger recognises (writeback V1__trigger_log.sql). */
  static final String SYNC_ORIGIN = "salesforce-sync";

  private final JdbcClient jdbc;

  CaskrRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The column's current value in Caskr's JSON representation, if the row exists. */
  Optional<Current> read(long companyId, CaskrEntity entity, long id, CaskrColumn column) {
    return jdbc.sql(
            "select "
                + column.name()
                + " as value, updated_at from "
                + table(entity)
                + " where company_id = :company and id = :id for update")
        .param("company", companyId)
        .param("id", id)
        .query(
            (rs, row) ->
                new Current(
                    json(rs.getObject("value")),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Writes {@code value} (already checked against the column) and returns the new updated_at. */
  Optional<Instant> write(
      long companyId, CaskrEntity entity, long id, CaskrColumn column, Object value) {
    jdbc.sql("select set_config('caskr.sync_origin', :origin, true)")
        .param("origin", SYNC_ORIGIN)
        .query(String.class)
        .single();
    return jdbc.sql(
            "update "
                + table(entity)
                + " set "
                + column.name()
                + " = :value where company_id = :company and id = :id returning updated_at")
        .param("value", columnValue(column, value))
        .param("company", companyId)
        .param("id", id)
        .query(OffsetDateTime.class)
        .optional()
        .map(OffsetDateTime::toInstant);
  }

  private static String table(CaskrEntity entity) {
    return switch (entity) {
      case CUSTOMER -> "caskr.customers";
      case ORDER -> "caskr.orders";
      case PORTAL_USER -> "caskr.portal_users";
    };
  }

  private static Object columnValue(CaskrColumn column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type()) {
      case TEXT -> (String) value;
      case AMOUNT -> new BigDecimal(value.toString());
      case DATE -> LocalDate.parse((String) value);
      case BOOLEAN -> (Boolean) value;
      case ID -> ((Number) value).longValue();
    };
  }

  private static Object json(Object value) {
    return switch (value) {
      case null -> null;
      case Date date -> date.toLocalDate().toString();
      case Integer number -> number.longValue();
      default -> value;
    };
  }

  record Current(Object value, Instant updatedAt) {}
}
