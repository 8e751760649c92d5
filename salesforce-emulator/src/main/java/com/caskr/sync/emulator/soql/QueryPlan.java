package com.caskr.sync.emulator.soql;

import com.caskr.sync.emulator.soql.RecordSource.ChildRelationship;
import com.caskr.sync.emulator.soql.Syntax.FieldItem;
import com.caskr.sync.emulator.soql.Syntax.Name;
import com.caskr.sync.emulator.soql.Syntax.Ordering;
import com.caskr.sync.emulator.soql.Syntax.Select;
import com.caskr.sync.emulator.soql.Syntax.SubqueryItem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A parsed query bound to one org's schema: names resolved, WHERE compiled to a predicate, ORDER BY
 * to a comparator, the select list to the columns of the result. Built once per execution; rows
 * only pay for map look-ups.
 */
final class QueryPlan {

  // The seam has no canonical spelling for types or child relationships; these are the ones our
  // sync uses, so results say "Account" even when the query said "account".
  private static final List<String> KNOWN_TYPES =
      List.of(
          "Account",
          "Contact",
          "Opportunity",
          "OpportunityLineItem",
          "User",
          "Product2",
          "Pricebook2",
          "PricebookEntry",
          "OpportunityStage",
          "Lead",
          "Case",
          "Task",
          "Event");
  private static final List<String> KNOWN_CHILD_RELATIONSHIPS =
      List.of("OpportunityLineItems", "Contacts", "Opportunities", "Cases", "PricebookEntries");

  private final RecordSource source;
  private final String type;
  private final Predicate<Map<String, Object>> filter;
  private final List<FieldPath> sortPaths;
  private final Comparator<Object[]> sortKeys;
  private final Integer limit;
  private final Integer offset;
  private final boolean count;
  private final List<Column> columns;
  private final List<String> csvColumns;

  private QueryPlan(
      RecordSource source,
      String type,
      Predicate<Map<String, Object>> filter,
      List<FieldPath> sortPaths,
      Comparator<Object[]> sortKeys,
      Select select,
      List<Column> columns,
      List<String> csvColumns) {
    this.source = source;
    this.type = type;
    this.filter = filter;
    this.sortPaths = sortPaths;
    this.sortKeys = sortKeys;
    this.limit = select.limit();
    this.offset = select.offset();
    this.count = select.count();
    this.columns = columns;
    this.csvColumns = csvColumns;
  }

  static QueryPlan bind(
      Select select, RecordSource source, String soql, boolean bulk, Clock clock) {
    Name from = select.from();
    if (!source.hasType(from.text())) {
      throw SoqlException.at(
          SoqlErrorCode.INVALID_TYPE,
          soql,
          from.offset(),
          "sObject type '"
              + from.text()
              + "' is not supported. If you are attempting to use a custom object, be sure to"
              + " append the '__c' after the entity name. Please reference your WSDL or the"
              + " describe call for the appropriate names.");
    }
    return bind(select, canonical(from.text(), KNOWN_TYPES), source, soql, bulk, clock);
  }

  private static QueryPlan bind(
      Select select, String type, RecordSource source, String soql, boolean bulk, Clock clock) {
    var columns = new ArrayList<Column>();
    var csvColumns = new LinkedHashSet<String>();
    for (var item : select.items()) {
      switch (item) {
        case FieldItem field -> {
          FieldPath path = FieldPath.resolve(source, type, field.path(), soql);
          if (bulk && path.isCompoundAddress(source)) {
            throw SoqlException.at(
                SoqlErrorCode.FUNCTIONALITY_NOT_ENABLED,
                soql,
                field.path().offset(),
                "Selecting compound data not supported in Bulk Query");
          }
          Column.add(columns, path);
          csvColumns.add(path.dotted());
        }
        case SubqueryItem subquery ->
            columns.add(children(subquery.query(), type, source, soql, clock));
      }
    }
    Predicate<Map<String, Object>> filter =
        select.where() == null
            ? null
            : new Filters(source, type, soql, clock).compile(select.where());
    var sortPaths = new ArrayList<FieldPath>();
    Comparator<Object[]> sortKeys = null;
    for (int i = 0; i < select.orderBy().size(); i++) {
      Ordering ordering = select.orderBy().get(i);
      FieldPath path = FieldPath.resolve(source, type, ordering.path(), soql);
      sortPaths.add(path);
      Comparator<Object[]> key = keyComparator(i, ordering, path.idValued());
      sortKeys = sortKeys == null ? key : sortKeys.thenComparing(key);
    }
    return new QueryPlan(
        source,
        type,
        filter,
        List.copyOf(sortPaths),
        sortKeys,
        select,
        List.copyOf(columns),
        List.copyOf(csvColumns));
  }

  private static Column.Children children(
      Select subquery, String parentType, RecordSource source, String soql, Clock clock) {
    Name relationship = subquery.from();
    ChildRelationship child =
        source
            .child(parentType, relationship.text())
            .orElseThrow(
                () ->
                    SoqlException.at(
                        SoqlErrorCode.INVALID_TYPE,
                        soql,
                        relationship.offset(),
                        "Didn't understand relationship '"
                            + relationship.text()
                            + "' in FROM part of query call. If you are attempting to use a"
                            + " custom relationship, be sure to append the '__r' after the custom"
                            + " relationship name. Please reference your WSDL or the describe"
                            + " call for the appropriate names."));
    QueryPlan plan = bind(subquery, child.childType(), source, soql, false, clock);
    return new Column.Children(
        canonical(relationship.text(), KNOWN_CHILD_RELATIONSHIPS),
        child.childType(),
        child.referenceField(),
        plan);
  }

  private static Comparator<Object[]> keyComparator(int index, Ordering ordering, boolean ids) {
    Comparator<Object> values = ids ? QueryPlan::compareExactly : QueryPlan::compareValues;
    if (ordering.descending()) {
      values = values.reversed();
    }
    Comparator<Object> withNulls =
        ordering.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
    return (a, b) -> withNulls.compare(a[index], b[index]);
  }

  // Salesforce sorts text case-insensitively; ids are the exception, as in filters.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return String.CASE_INSENSITIVE_ORDER.compare(x, y);
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareExactly(Object a, Object b) {
    if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  /** The result: filtered, sorted, sliced by OFFSET/LIMIT and shaped. */
  QueryResult run(boolean includeDeleted, String apiVersion) {
    List<Map<String, Object>> rows;
    try (var all = source.rows(type, includeDeleted)) {
      rows = select(all);
    }
    if (count) {
      return new QueryResult(rows.size(), List.of(), List.of());
    }
    Map<Column.Children, Map<String, Object>> childResults = new HashMap<>();
    collectChildren(columns, rows, includeDeleted, apiVersion, childResults);
    var records = new ArrayList<Map<String, Object>>(rows.size());
    for (var row : rows) {
      records.add(shape(type, row, columns, apiVersion, childResults));
    }
    return new QueryResult(records.size(), records, csvColumns);
  }

  private List<Map<String, Object>> select(Stream<Map<String, Object>> rows) {
    Stream<Map<String, Object>> matching = filter == null ? rows : rows.filter(filter);
    List<Map<String, Object>> selected;
    if (sortKeys == null) {
      selected = matching.toList();
    } else {
      selected = sorted(matching);
    }
    int from = offset == null ? 0 : Math.min(offset, selected.size());
    int to = limit == null ? selected.size() : Math.min(selected.size(), from + limit);
    return selected.subList(from, to);
  }

  // Sort keys are read once per row: a parent path in ORDER BY would otherwise cost a look-up per
  // comparison.
  private List<Map<String, Object>> sorted(Stream<Map<String, Object>> rows) {
    int width = sortPaths.size();
    Object[][] keyed =
        rows.map(
                row -> {
                  Object[] keys = new Object[width + 1];
                  for (int i = 0; i < width; i++) {
                    keys[i] = sortPaths.get(i).read(row, source);
                  }
                  keys[width] = row;
                  return keys;
                })
            .toArray(Object[][]::new);
    Arrays.sort(keyed, sortKeys);
    var sorted = new ArrayList<Map<String, Object>>(keyed.length);
    for (Object[] keys : keyed) {
      @SuppressWarnings("unchecked")
      var row = (Map<String, Object>) keys[width];
      sorted.add(row);
    }
    return sorted;
  }

  private void collectChildren(
      List<Column> level,
      List<Map<String, Object>> parents,
      boolean includeDeleted,
      String apiVersion,
      Map<Column.Children, Map<String, Object>> results) {
    for (Column column : level) {
      if (column instanceof Column.Children children && !parents.isEmpty()) {
        results.put(children, childResults(children, parents, includeDeleted, apiVersion));
      }
    }
  }

  private Map<String, Object> childResults(
      Column.Children children,
      List<Map<String, Object>> parents,
      boolean includeDeleted,
      String apiVersion) {
    Set<Object> parentIds = new HashSet<>();
    for (var parent : parents) {
      parentIds.add(parent.get("Id"));
    }
    Map<Object, List<Map<String, Object>>> byParent = new HashMap<>();
    String reference = children.referenceField();
    try (var rows = source.rows(children.childType(), includeDeleted)) {
      rows.filter(row -> parentIds.contains(row.get(reference)))
          .forEach(
              row -> byParent.computeIfAbsent(row.get(reference), k -> new ArrayList<>()).add(row));
    }
    Map<String, Object> results = new HashMap<>();
    QueryPlan plan = children.plan();
    byParent.forEach(
        (parentId, rows) -> {
          List<Map<String, Object>> selected = plan.select(rows.stream());
          if (selected.isEmpty()) {
            return;
          }
          var records = new ArrayList<Map<String, Object>>(selected.size());
          for (var row : selected) {
            records.add(plan.shape(plan.type, row, plan.columns, apiVersion, Map.of()));
          }
          var result = new LinkedHashMap<String, Object>();
          result.put("totalSize", records.size());
          result.put("done", true);
          result.put("records", List.copyOf(records));
          results.put((String) parentId, result);
        });
    return results;
  }

  private Map<String, Object> shape(
      String rowType,
      Map<String, Object> row,
      List<Column> level,
      String apiVersion,
      Map<Column.Children, Map<String, Object>> childResults) {
    var record = new LinkedHashMap<String, Object>(2 * level.size() + 2);
    record.put("attributes", attributes(rowType, row.get("Id"), apiVersion));
    for (Column column : level) {
      switch (column) {
        case Column.Field field -> record.put(field.key(), row.get(field.key()));
        case Column.Parent parent -> {
          Object id = row.get(parent.referenceField());
          Map<String, Object> parentRow = id == null ? null : source.row((String) id).orElse(null);
          record.put(
              parent.key(),
              parentRow == null
                  ? null
                  : shape(parent.parentType(), parentRow, parent.columns(), apiVersion, Map.of()));
        }
        case Column.Children children -> {
          Map<String, Object> results = childResults.get(children);
          record.put(children.key(), results == null ? null : results.get((String) row.get("Id")));
        }
      }
    }
    return record;
  }

  private static Map<String, Object> attributes(String type, Object id, String apiVersion) {
    var attributes = new LinkedHashMap<String, Object>(4);
    attributes.put("type", type);
    attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/" + type + "/" + id);
    return attributes;
  }

  private static String canonical(String name, List<String> known) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      if (candidate.toLowerCase(Locale.ROOT).equals(lower)) {
        return candidate;
      }
    }
    return name;
  }
}
