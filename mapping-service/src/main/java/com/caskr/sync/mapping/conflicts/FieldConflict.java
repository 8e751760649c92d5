package com.caskr.sync.mapping.conflicts;

import com.caskr.sync.schema.events.ConflictStrategy;
import java.time.Instant;

/**
 * A field changed on both sides since the last sync, to different values (or with different values
 * and no known base).
 *
 * @param field the Caskr column
 * @param salesforceField the Salesforce field it comes from
 * @param baseKnown whether the last synced value is known; {@code base} is meaningless otherwise
 * @param strategy the company's strategy for the entity when the conflict was found
 * @param critical always manual review, whatever the strategy
 */
public record FieldConflict(
    String field,
    String salesforceField,
    boolean baseKnown,
    Object base,
    Object salesforceValue,
    Object caskrValue,
    Instant salesforceModifiedAt,
    Instant caskrModifiedAt,
    ConflictStrategy strategy,
    boolean critical) {

  public FieldConflict {
    base = baseKnown ? base : null;
  }

  /** Whether a person has to decide: the strategy is Manual or the field is critical. */
  public boolean needsReview() {
    return critical || strategy == ConflictStrategy.MANUAL;
  }
}
