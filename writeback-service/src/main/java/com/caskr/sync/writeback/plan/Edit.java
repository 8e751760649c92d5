package com.caskr.sync.writeback.plan;

import com.caskr.sync.schema.events.CaskrEntity;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Caskr-side edit of one row waiting to go to Salesforce: which columns changed, not their values
 * (the push reads the row as it is then, so the latest value wins).
 *
 * @param fields changed columns; empty means "every pushable field" (an INSERT, or a producer that
 *     does not know)
 * @param resolution a settled conflict that Caskr's value won: its fields are sent as they are now,
 *     without the three-way check (Salesforce's differing value is what lost)
 */
public record Edit(
    long companyId,
    CaskrEntity entity,
    long caskrId,
    Set<String> fields,
    Priority priority,
    boolean resolution) {

  public Edit {
    if (companyId <= 0 || caskrId <= 0) {
      throw new IllegalArgumentException("An edit needs a company and a Caskr id");
    }
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(priority, "priority");
    fields = Set.copyOf(fields);
  }

  /** Whether every pushable field is to be sent. */
  public boolean allFields() {
    return fields.isEmpty();
  }

  /** A Caskr edit of {@code fields}. */
  public static Edit of(
      long companyId, CaskrEntity entity, long caskrId, Set<String> fields, Priority priority) {
    return new Edit(companyId, entity, caskrId, fields, priority, false);
  }

  /** This edit and a later one of the same row as one: the union of fields, the higher priority. */
  public Edit merge(Edit later) {
    if (later.companyId != companyId || later.entity != entity || later.caskrId != caskrId) {
      throw new IllegalArgumentException("Only edits of one row merge");
    }
    Set<String> union = new TreeSet<>(fields);
    union.addAll(later.fields);
    return new Edit(
        companyId,
        entity,
        caskrId,
        allFields() || later.allFields() ? Set.of() : union,
        priority == Priority.INTERACTIVE || later.priority == Priority.INTERACTIVE
            ? Priority.INTERACTIVE
            : Priority.BACKFILL,
        resolution || later.resolution);
  }
}
