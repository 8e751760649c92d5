package com.caskr.sync.mapping.conflicts;

import com.caskr.sync.schema.events.Resolution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link FieldDecision}s for one record, and what they mean for the Caskr row and snapshot. */
public record ThreeWayResult(List<FieldDecision> decisions) {

  public ThreeWayResult {
    decisions = List.copyOf(decisions);
  }

  /** Caskr column → value to write: Salesforce-only changes and conflicts Salesforce won. */
  public Map<String, Object> caskrUpdates() {
    var updates = new LinkedHashMap<String, Object>();
    for (FieldDecision decision : decisions) {
      switch (decision) {
        case FieldDecision.ApplySalesforce apply -> updates.put(apply.field(), apply.value());
        case FieldDecision.Resolved resolved
            when resolved.resolution() == Resolution.KEEP_SALESFORCE ->
            updates.put(resolved.field(), resolved.value());
        default -> {}
      }
    }
    return Collections.unmodifiableMap(updates);
  }

  /** Conflicts the strategy settled: recorded as resolved by {@code system} and published. */
  public List<FieldDecision.Resolved> resolved() {
    return decisions.stream()
        .filter(FieldDecision.Resolved.class::isInstance)
        .map(FieldDecision.Resolved.class::cast)
        .toList();
  }

  /** Conflicts a person must decide: queued as PENDING and published. */
  public List<FieldConflict> forReview() {
    return decisions.stream()
        .filter(FieldDecision.NeedsReview.class::isInstance)
        .map(decision -> ((FieldDecision.NeedsReview) decision).conflict())
        .toList();
  }

  /**
   * The next last_synced_fields: {@code base} with the values both sides now agree on. A Caskr edit
   * not yet pushed and a conflict waiting for review keep their old base, so they stay visible as
   * changes to the next comparison.
   */
  public Map<String, Object> nextSnapshot(Map<String, Object> base) {
    var next = new LinkedHashMap<>(base);
    for (FieldDecision decision : decisions) {
      switch (decision) {
        case FieldDecision.Agreed agreed -> next.put(agreed.field(), agreed.value());
        case FieldDecision.ApplySalesforce apply -> next.put(apply.field(), apply.value());
        case FieldDecision.Resolved resolved -> next.put(resolved.field(), resolved.value());
        case FieldDecision.KeepCaskrEdit keep -> {}
        case FieldDecision.NeedsReview review -> {}
      }
    }
    return Collections.unmodifiableMap(next);
  }
}
