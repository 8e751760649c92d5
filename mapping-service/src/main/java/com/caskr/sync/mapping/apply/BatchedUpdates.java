package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.json.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plain updates of paired Caskr rows collected during a batch and written together: one statement
 * per table and flush updates every collected row, records each pair's sync (snapshot, versions,
 * {@code caskr_modified_at} from the row's new {@code updated_at}) and returns the rows, instead of
 * one statement per change (ADR 0021). What each change does with its written row (the synced
 * event, the sync log) runs at the flush, in collection order.
 *
 * <p>The caller flushes before anything that could read what is collected: before every change that
 * is not the first change of a prefetched pair, and at the end of the batch. A row collected twice
 * is flushed in between.
 */
final class BatchedUpdates {

  /**
   * One collected update.
   *
   * @param values the columns to write (a mapping's Caskr columns) and their JSON values
   * @param then what the change does with the row once written
   */
  record Update(
      CaskrTable table,
      long companyId,
      long caskrId,
      SalesforceId salesforceId,
      Map<String, Object> values,
      long pairId,
      Map<String, Object> snapshot,
      Instant sourceVersion,
      Consumer<CaskrRows.Row> then) {}

  private final JdbcClient jdbc;
  private final List<Update> collected = new ArrayList<>();
  private final Set<RowKey> rows = new HashSet<>();

  BatchedUpdates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Collects {@code update}; a row already collected is flushed first. */
  void add(Update update) {
    RowKey key = new RowKey(update.table(), update.caskrId());
    if (!rows.add(key)) {
      flush();
      rows.add(key);
    }
    collected.add(update);
  }

  /** Writes everything collected and hands each change its row. */
  void flush() {
    if (collected.isEmpty()) {
      return;
    }
    List<Update> updates = new ArrayList<>(collected);
    collected.clear();
    rows.clear();
    Map<CaskrTable, List<Update>> byTable = new LinkedHashMap<>();
    updates.forEach(u -> byTable.computeIfAbsent(u.table(), t -> new ArrayList<>()).add(u));
    Map<RowKey, CaskrRows.Row> written = new HashMap<>();
    byTable.forEach(
        (table, group) ->
            write(table, group).forEach((id, row) -> written.put(new RowKey(table, id), row)));
    for (Update update : updates) {
      CaskrRows.Row row = written.get(new RowKey(update.table(), update.caskrId()));
      if (row == null) {
        throw new IllegalStateException(
            update.table().caskrEntity() + " " + update.caskrId() + " of a mapping is gone");
      }
      update.then().accept(row);
    }
  }

  private Map<Long, CaskrRows.Row> write(CaskrTable table, List<Update> updates) {
    Map<Long, CaskrRows.Row> written = new HashMap<>();
    jdbc.sql(sql(table))
        .params(params(table, updates))
        .query(
            rs -> {
              long id = rs.getLong("id");
              written.put(
                  id,
                  new CaskrRows.Row(
                      id, CaskrRows.values(rs, table), rs.getTimestamp("updated_at").toInstant()));
            });
    return written;
  }

  /**
   * The statement of one flush: the updates unnested, the rows updated and returned, their pairs
   * updated. The rows are found by {@code t.id = ANY(ids)} besides the join on the unnested rows:
   * on its own, the join let the planner hash the whole table to meet a batch of hundreds (a
   * sequential scan of 20,000 customers for 500 updates, with exact statistics), where the array
   * makes it probe the key once per row (ADR 0021, ninth pass).
   */
  static String sql(CaskrTable table) {
    List<String> sets = new ArrayList<>();
    for (String column : table.columns()) {
      sets.add(
          column
              + " = CASE WHEN jsonb_exists(v.vals, '"
              + column
              + "') THEN (v.vals ->> '"
              + column
              + "')::"
              + table.typeOf(column)
              + " ELSE t."
              + column
              + " END");
    }
    return "WITH v AS (SELECT company_id, caskr_id, pair_id, salesforce_id, vals::jsonb AS vals,"
        + " snapshot::jsonb AS snapshot, version::timestamptz AS version FROM"
        + " unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
        + " ?::text[]) AS u(company_id, caskr_id, pair_id, salesforce_id, vals, snapshot,"
        + " version)), caskr AS (UPDATE "
        + table.table()
        + " t SET "
        + String.join(", ", sets)
        + ", "
        + table.salesforceIdColumn()
        + " = v.salesforce_id, salesforce_last_sync_at = now() FROM v"
        + " WHERE t.id = ANY(?::bigint[]) AND t.company_id = v.company_id AND t.id = v.caskr_id"
        + " RETURNING t.id, t.company_id, "
        + CaskrRows.selectList(table, "t")
        + ", t.updated_at),"
        + " pair AS (UPDATE mapping.crm_entity_mappings m SET"
        + " last_synced_fields = v.snapshot, salesforce_modified_at = v.version,"
        + " caskr_modified_at = caskr.updated_at, last_source_version = v.version,"
        + " sync_status = 'ACTIVE', deleted_at = NULL, last_synced_at = now()"
        + " FROM v JOIN caskr ON caskr.company_id = v.company_id AND caskr.id = v.caskr_id"
        + " WHERE m.id = v.pair_id)"
        + " SELECT * FROM caskr";
  }

  /** The parameters of {@link #sql} for {@code updates}, in its order. */
  static Object[] params(CaskrTable table, List<Update> updates) {
    int n = updates.size();
    Long[] companies = new Long[n];
    Long[] caskrIds = new Long[n];
    Long[] pairIds = new Long[n];
    String[] salesforceIds = new String[n];
    String[] values = new String[n];
    String[] snapshots = new String[n];
    String[] versions = new String[n];
    for (int i = 0; i < n; i++) {
      Update update = updates.get(i);
      companies[i] = update.companyId();
      caskrIds[i] = update.caskrId();
      pairIds[i] = update.pairId();
      salesforceIds[i] = update.salesforceId().value();
      Map<String, String> text = new LinkedHashMap<>();
      update
          .values()
          .forEach(
              (column, value) -> {
                table.typeOf(column);
                text.put(column, text(value));
              });
      values[i] = EventJson.mapper().writeValueAsString(text);
      snapshots[i] = EventJson.mapper().writeValueAsString(update.snapshot());
      versions[i] = update.sourceVersion().toString();
    }
    return new Object[] {
      companies, caskrIds, pairIds, salesforceIds, values, snapshots, versions, caskrIds
    };
  }

  private record RowKey(CaskrTable table, long id) {}

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value == null ? null : value.toString();
  }
}
