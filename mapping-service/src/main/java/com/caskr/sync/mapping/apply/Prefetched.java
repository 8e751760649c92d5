package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.mappings.EntityMapping;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record pairs of a batch's changes, their Caskr rows and whether those have pending conflicts,
 * read and locked ({@code FOR UPDATE}) with one statement per company and entity instead of two per
 * change. A pair and its row are handed out once, to the first change of the record: only that
 * record's own changes write them, so until then they are what a per-change read would return;
 * later changes of the record read the database again. Records without a pair are not remembered
 * (another change of the batch may pair them).
 */
final class Prefetched {

  /** Nothing read up front: every change reads for itself. */
  static Prefetched none() {
    return new Prefetched(new HashMap<>(), new HashMap<>(), Set.of());
  }

  private final Map<PairKey, EntityMapping> pairs;
  private final Map<RowKey, CaskrRows.Row> rows;
  private final Set<RowKey> disputed;

  private Prefetched(
      Map<PairKey, EntityMapping> pairs, Map<RowKey, CaskrRows.Row> rows, Set<RowKey> disputed) {
    this.pairs = pairs;
    this.rows = rows;
    this.disputed = disputed;
  }

  /** Reads the pairs of {@code events}' records and their rows, in a stable order. */
  static Prefetched load(List<SalesforceRecordChanged> events, JdbcClient jdbc) {
    Map<Group, Set<String>> ids = new LinkedHashMap<>();
    for (SalesforceRecordChanged event : events) {
      ids.computeIfAbsent(
              new Group(event.tenant().companyId(), event.entity()), g -> new LinkedHashSet<>())
          .add(event.recordId().value());
    }
    Map<PairKey, EntityMapping> pairs = new HashMap<>();
    Map<RowKey, CaskrRows.Row> rows = new HashMap<>();
    Set<RowKey> disputed = new HashSet<>();
    for (Map.Entry<Group, Set<String>> group : ids.entrySet()) {
      long company = group.getKey().companyId();
      SalesforceEntity entity = group.getKey().entity();
      CaskrTable table = CaskrTable.of(entity);
      String[] recordIds = group.getValue().stream().sorted().toArray(String[]::new);
      Long[] companies = new Long[recordIds.length];
      String[] objects = new String[recordIds.length];
      Arrays.fill(companies, company);
      Arrays.fill(objects, entity.apiName());
      jdbc.sql(sql(table))
          .params(companies, objects, recordIds)
          .query(
              rs -> {
                EntityMapping pair = EntityMappings.read(rs);
                pairs.put(new PairKey(company, entity, pair.salesforceId().value()), pair);
                RowKey key = new RowKey(table, company, pair.caskrId());
                long rowId = rs.getLong("row_id");
                if (!rs.wasNull()) {
                  rows.put(
                      key,
                      new CaskrRows.Row(
                          rowId,
                          CaskrRows.values(rs, table),
                          rs.getTimestamp("row_updated_at").toInstant()));
                }
                if (rs.getBoolean("disputed")) {
                  disputed.add(key);
                }
              });
    }
    return new Prefetched(pairs, rows, disputed);
  }

  /**
   * The statement that reads and locks a company's pairs of one entity and their rows: parameters
   * are three arrays of one element per record (company id, Salesforce object, record id), record
   * ids sorted so that every batch locks in the same order.
   *
   * <p>Each record is one index probe: the batch's ids drive the lookups (a lateral subquery that
   * {@code LIMIT 1} keeps from being flattened into a join), and the company and object come from
   * the driving row, not from constants. The planner then costs a probe with the company's average
   * size instead of what its statistics say of this company, and only the unique key {@code
   * (company_id, salesforce_object, salesforce_id)} answers it with one row: the plan does not
   * depend on statistics knowing the company. A constant company let stale statistics pick another
   * company-leading index and read all of a new tenant's pairs (ADR 0021, sixth pass). The rows are
   * probed the same way by {@code (company_id, id)}, pairs ordered by Caskr id, so rows are locked
   * in id order as before.
   */
  static String sql(CaskrTable table) {
    // Pairs first, then their rows. Each locked row comes out of r with its pair; the pairs
    // without a row follow (a hashed NOT IN).
    String pending =
        "EXISTS (SELECT 1 FROM mapping.crm_sync_conflicts c WHERE c.company_id = %1$s.company_id"
            + " AND c.entity = %1$s.salesforce_object AND c.status = 'PENDING'"
            + " AND c.caskr_id = %1$s.caskr_id)";
    return "WITH p AS (SELECT m.* FROM unnest(?::bigint[], ?::text[], ?::text[])"
        + " AS k(company_id, object, id) CROSS JOIN LATERAL (SELECT "
        + EntityMappings.COLUMNS
        + " FROM mapping.crm_entity_mappings m WHERE m.company_id = k.company_id"
        + " AND m.salesforce_object = k.object AND m.salesforce_id = k.id LIMIT 1 FOR UPDATE) m),"
        + " r AS (SELECT p.*, t.*"
        + " FROM (SELECT * FROM p ORDER BY caskr_id) p CROSS JOIN LATERAL (SELECT t.id AS row_id, "
        + CaskrRows.selectList(table, "t")
        + ", t.updated_at AS row_updated_at FROM "
        + table.table()
        + " t WHERE t.company_id = p.company_id AND t.id = p.caskr_id LIMIT 1 FOR UPDATE) t)"
        + " SELECT r.*, "
        + pending.formatted("r")
        + " AS disputed FROM r UNION ALL SELECT p.*, NULL::bigint, "
        + CaskrRows.nullList(table)
        + ", NULL::timestamptz, "
        + pending.formatted("p")
        + " FROM p WHERE p.id NOT IN (SELECT id FROM r)";
  }

  /** Whether the pair of a record was read up front and not handed out yet. */
  boolean holds(long company, SalesforceEntity entity, SalesforceId id) {
    return pairs.containsKey(new PairKey(company, entity, id.value()));
  }

  /**
   * The locked pair of a record with its locked Caskr row, if they were read up front and not
   * handed out yet. The row goes with the pair: a change that takes the pair may write the row, so
   * no later change gets the copy.
   */
  Optional<Taken> take(long company, SalesforceEntity entity, SalesforceId id) {
    EntityMapping pair = pairs.remove(new PairKey(company, entity, id.value()));
    if (pair == null) {
      return Optional.empty();
    }
    RowKey row = new RowKey(CaskrTable.of(entity), company, pair.caskrId());
    return Optional.of(new Taken(pair, rows.remove(row), disputed.contains(row)));
  }

  /**
   * A pair read up front, its Caskr row and whether the row had pending conflicts then.
   *
   * @param row null when the row is gone
   * @param pendingConflicts whether crm_sync_conflicts held PENDING rows of the Caskr row
   */
  record Taken(EntityMapping pair, CaskrRows.Row row, boolean pendingConflicts) {}

  private record Group(long companyId, SalesforceEntity entity) {}

  private record PairKey(long companyId, SalesforceEntity entity, String salesforceId) {}

  private record RowKey(CaskrTable table, long companyId, long id) {}
}
