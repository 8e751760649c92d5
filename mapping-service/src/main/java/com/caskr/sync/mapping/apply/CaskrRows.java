package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.mappings.EntityMapping;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.json.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/**
 * Reads and writes Caskr rows column by column. Values are in Caskr's JSON representation (text,
 * numbers, booleans, ISO dates) and are cast to the column's type in SQL; column names come from
 * {@link CaskrTable}'s allow-list only.
 */
final class CaskrRows {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JdbcClient jdbc;

  CaskrRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A Caskr row as JSON values by column, with its updated_at. */
  record Row(long id, Map<String, Object> values, Instant updatedAt) {}

  Optional<Row> read(CaskrTable table, long companyId, long id) {
    return jdbc.sql(
            "SELECT to_jsonb(t)::text AS json, t.updated_at FROM "
                + table.table()
                + " t WHERE t.company_id = ? AND t.id = ?")
        .params(companyId, id)
        .query(
            (rs, n) ->
                new Row(
                    id,
                    EventJson.mapper().readValue(rs.getString("json"), OBJECT),
                    rs.getTimestamp("updated_at").toInstant()))
        .optional();
  }

  /** Inserts a row linked to {@code salesforceId}; returns its id. */
  long insert(
      CaskrTable table,
      long companyId,
      SalesforceId salesforceId,
      Map<String, Object> values,
      Map<String, Object> extra) {
    List<String> columns = new ArrayList<>(List.of("company_id", table.salesforceIdColumn()));
    List<String> placeholders = new ArrayList<>(List.of("?", "?"));
    List<Object> params = new ArrayList<>(List.of(companyId, salesforceId.value()));
    values.forEach(
        (column, value) -> {
          columns.add(column);
          placeholders.add("?::" + table.typeOf(column));
          params.add(text(value));
        });
    extra.forEach(
        (column, value) -> {
          columns.add(column);
          placeholders.add("?");
          params.add(value);
        });
    columns.add("salesforce_last_sync_at");
    placeholders.add("now()");
    return jdbc.sql(
            "INSERT INTO "
                + table.table()
                + " ("
                + String.join(", ", columns)
                + ") VALUES ("
                + String.join(", ", placeholders)
                + ") RETURNING id")
        .params(params)
        .query(Long.class)
        .single();
  }

  /**
   * Writes {@code values} (possibly none), {@code active} when not null, and the link.
   *
   * @return the row after the write
   */
  Row update(
      CaskrTable table,
      long companyId,
      long id,
      SalesforceId salesforceId,
      Map<String, Object> values,
      Boolean active) {
    Write write = write(table, companyId, id, salesforceId, values, active);
    return jdbc.sql(write.sql()).params(write.params()).query(rowOf(id)).single();
  }

  /**
   * As {@link #update}, and records the sync of the row's pair in the same statement ({@link
   * EntityMappings#writeAndSync}).
   *
   * @return the row after the write
   */
  Row updateAndSync(
      CaskrTable table,
      long companyId,
      long id,
      SalesforceId salesforceId,
      Map<String, Object> values,
      Boolean active,
      EntityMappings mappings,
      EntityMapping pair,
      Map<String, Object> snapshot,
      Instant sourceVersion,
      boolean deleted) {
    Write write = write(table, companyId, id, salesforceId, values, active);
    return mappings.writeAndSync(
        write.sql(),
        write.params(),
        rowOf(id),
        pair.id(),
        snapshot,
        sourceVersion,
        sourceVersion,
        deleted);
  }

  private record Write(String sql, List<Object> params) {}

  private static Write write(
      CaskrTable table,
      long companyId,
      long id,
      SalesforceId salesforceId,
      Map<String, Object> values,
      Boolean active) {
    List<String> sets = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    values.forEach(
        (column, value) -> {
          sets.add(column + " = ?::" + table.typeOf(column));
          params.add(text(value));
        });
    if (active != null) {
      sets.add("is_active = ?");
      params.add(active);
    }
    sets.add(table.salesforceIdColumn() + " = ?");
    params.add(salesforceId.value());
    sets.add("salesforce_last_sync_at = now()");
    params.add(companyId);
    params.add(id);
    return new Write(
        "UPDATE "
            + table.table()
            + " t SET "
            + String.join(", ", sets)
            + " WHERE company_id = ? AND id = ?"
            + " RETURNING to_jsonb(t)::text AS json, t.updated_at",
        params);
  }

  private static RowMapper<Row> rowOf(long id) {
    return (rs, n) ->
        new Row(
            id,
            EventJson.mapper().readValue(rs.getString("json"), OBJECT),
            rs.getTimestamp("updated_at").toInstant());
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value == null ? null : value.toString();
  }
}
