package com.caskr.sync.mapping.conflicts;

import com.caskr.sync.schema.events.Resolution;

/** What happens to one mapped field when a Salesforce change is applied. */
public sealed interface FieldDecision
    permits FieldDecision.Agreed,
        FieldDecision.KeepCaskrEdit,
        FieldDecision.ApplySalesforce,
        FieldDecision.Resolved,
        FieldDecision.NeedsReview {

  /** The Caskr column. */
  String field();

  /** Both sides already hold {@code value}: nothing to write, the snapshot records it. */
  record Agreed(String field, Object value) implements FieldDecision {}

  /**
   * Only Caskr changed since the last sync (Salesforce still sends the base value, e.g. an echo of
   * our own writeback or a change to another field): the Caskr edit stays and stays unsynced.
   */
  record KeepCaskrEdit(String field) implements FieldDecision {}

  /** Only Salesforce changed: Caskr takes {@code value}. */
  record ApplySalesforce(String field, Object value) implements FieldDecision {}

  /**
   * Both changed and the strategy decided: Caskr takes {@code value} when the resolution is
   * KEEP_SALESFORCE and keeps its own otherwise. Still recorded and published as a conflict.
   */
  record Resolved(FieldConflict conflict, Resolution resolution, Object value)
      implements FieldDecision {
    @Override
    public String field() {
      return conflict.field();
    }
  }

  /** Both changed and a person decides (Manual, or a critical field): Caskr keeps its value. */
  record NeedsReview(FieldConflict conflict) implements FieldDecision {
    @Override
    public String field() {
      return conflict.field();
    }
  }
}
