package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.mappings.EntityMapping;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and writes Caskr rows column by column. Values are in Caskr's JSON representation (text,
 * numbers, booleans, ISO dates) and are cast to the column's type in SQL; column names come from
 * {@link CaskrTable}'s allow-list only.
 */
final class CaskrRows {

  private final JdbcClient jdbc;

  CaskrRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A Caskr row's {@link CaskrTable#readColumns} as JSON values by column (text, Long, BigDecimal
   * with a fraction else Long, Boolean, ISO dates: what Jackson read from {@code to_jsonb} before),
   * with its updated_at.
   */
  record Row(long id, Map<String, Object> values, Instant updatedAt) {}

  /**
   * The select list of a row's values for the table alias {@code alias}: each column labelled
   * {@code v_<column>}, read back by {@link #values}. Typed columns instead of {@code
   * to_jsonb(t)::text}: PostgreSQL does not build a JSON document per row and the listener does not
   * parse it (ADR 0021, sixth pass).
   */
  static String selectList(CaskrTable table, String alias) {
    StringJoiner list = new StringJoiner(", ");
    table.readColumns().keySet().forEach(c -> list.add(alias + "." + c + " AS v_" + c));
    return list.toString();
  }

  /** {@link #selectList} as typed NULLs, for a row that is not there. */
  static String nullList(CaskrTable table) {
    StringJoiner list = new StringJoiner(", ");
    table.readColumns().forEach((c, type) -> list.add("NULL::" + type + " AS v_" + c));
    return list.toString();
  }

  /** The values {@link #selectList} selected, in the current row of {@code rs}. */
  static Map<String, Object> values(ResultSet rs, CaskrTable table) throws SQLException {
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<String, String> column : table.readColumns().entrySet()) {
      String label = "v_" + column.getKey();
      values.put(
          column.getKey(),
          switch (column.getValue()) {
            case "bigint" -> {
              long value = rs.getLong(label);
              yield rs.wasNull() ? null : value;
            }
            case "boolean" -> {
              boolean value = rs.getBoolean(label);
              yield rs.wasNull() ? null : value;
            }
            case "numeric" -> number(rs.getBigDecimal(label));
            // text, and dates in ISO form as to_jsonb wrote them
            default -> rs.getString(label);
          });
    }
    return values;
  }

  /** A numeric as Jackson read it from JSON: with a fraction a BigDecimal, else an integer. */
  private static Object number(BigDecimal value) {
    if (value == null || value.scale() > 0) {
      return value;
    }
    BigInteger integer = value.toBigIntegerExact();
    return integer.bitLength() < Long.SIZE ? (Object) integer.longValue() : integer;
  }

  Optional<Row> read(CaskrTable table, long companyId, long id) {
    return jdbc.sql(
            "SELECT "
                + selectList(table, "t")
                + ", t.updated_at FROM "
                + table.table()
                + " t WHERE t.company_id = ? AND t.id = ?")
        .params(companyId, id)
        .query(rowOf(table, id))
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
    return jdbc.sql(write.sql()).params(write.params()).query(rowOf(table, id)).single();
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
        rowOf(table, id),
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
            + " RETURNING "
            + selectList(table, "t")
            + ", t.updated_at",
        params);
  }

  private static RowMapper<Row> rowOf(CaskrTable table, long id) {
    return (rs, n) -> new Row(id, values(rs, table), rs.getTimestamp("updated_at").toInstant());
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value == null ? null : value.toString();
  }
}
