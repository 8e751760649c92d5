package com.caskr.sync.emulator.soql;

import java.util.ArrayList;
import java.util.List;

/** What a result record holds under one key, in select-list order. */
sealed interface Column permits Column.Field, Column.Parent, Column.Children {

  String key();

  record Field(String key) implements Column {}

  /** A parent relationship: its selected fields, nested under the relationship's name. */
  record Parent(String key, String referenceField, String parentType, List<Column> columns)
      implements Column {

    static Parent of(FieldPath.Hop hop) {
      return new Parent(
          hop.relationshipName(), hop.referenceField(), hop.parentType(), new ArrayList<>());
    }
  }

  /** A child subquery, run once per query for all parents on the page. */
  record Children(String key, String childType, String referenceField, QueryPlan plan)
      implements Column {}

  /** Adds a resolved path to a column list, reusing the parent columns already there. */
  static void add(List<Column> columns, FieldPath path) {
    List<Column> level = columns;
    for (FieldPath.Hop hop : path.hops()) {
      Parent parent = null;
      for (Column column : level) {
        if (column instanceof Parent p && p.key().equals(hop.relationshipName())) {
          parent = p;
        }
      }
      if (parent == null) {
        parent = Parent.of(hop);
        level.add(parent);
      }
      level = parent.columns();
    }
    String field = path.field();
    if (level.stream().noneMatch(c -> c instanceof Field f && f.key().equals(field))) {
      level.add(new Field(field));
    }
  }
}
