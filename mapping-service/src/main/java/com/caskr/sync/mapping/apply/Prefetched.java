package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.mappings.EntityMapping;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.util.ArrayList;
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
 * The record pairs of a batch's changes and their Caskr rows, read and locked ({@code FOR UPDATE})
 * with one statement per company and entity instead of two per change. A pair and its row are
 * handed out once, to the first change of the record: only that record's own changes write them, so
 * until then they are what a per-change read would return; later changes of the record read the
 * database again. Records without a pair are not remembered (another change of the batch may pair
 * them).
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
  static Prefetched load(
      List<SalesforceRecordChanged> events,
      EntityMappings mappings,
      CaskrRows caskrRows,
      JdbcClient jdbc) {
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
      List<Long> caskrIds = new ArrayList<>();
      for (EntityMapping pair : mappings.lockAll(company, entity, group.getValue())) {
        pairs.put(new PairKey(company, entity, pair.salesforceId().value()), pair);
        caskrIds.add(pair.caskrId());
      }
      for (CaskrRows.Row row : caskrRows.lockAll(table, company, caskrIds)) {
        rows.put(new RowKey(table, company, row.id()), row);
      }
      if (!caskrIds.isEmpty()) {
        disputed.addAll(
            jdbc
                .sql(
                    "SELECT DISTINCT caskr_id FROM mapping.crm_sync_conflicts WHERE company_id = ?"
                        + " AND entity = ? AND status = 'PENDING' AND caskr_id = ANY(?)")
                .params(company, entity.apiName(), caskrIds.toArray(Long[]::new))
                .query(Long.class)
                .list()
                .stream()
                .map(id -> new RowKey(table, company, id))
                .toList());
      }
    }
    return new Prefetched(pairs, rows, disputed);
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
