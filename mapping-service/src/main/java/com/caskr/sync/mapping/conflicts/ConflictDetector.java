package com.caskr.sync.mapping.conflicts;

import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.fieldmap.FieldRules;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.Resolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Field-level three-way comparison of an incoming Salesforce change with the Caskr row and the last
 * synced snapshot, and the company's strategy for the conflicts it finds.
 *
 * <p>Per mapped field the event carries, with base = last synced value, sf = incoming, caskr =
 * current:
 *
 * <ul>
 *   <li>sf = caskr: agreed, nothing to write.
 *   <li>sf = base, caskr ≠ base: only Caskr changed; its edit stays (writeback pushes it).
 *   <li>caskr = base, sf ≠ base: only Salesforce changed; Caskr takes sf.
 *   <li>both ≠ base and ≠ each other: a conflict.
 *   <li>Unknown base (no snapshot of the field yet, e.g. a record matched rather than created by
 *       the sync, or a field mapped later) and sf ≠ caskr: a conflict too; nothing tells which side
 *       moved, so the strategy (or a reviewer for critical fields) decides rather than Salesforce
 *       silently overwriting Caskr.
 * </ul>
 *
 * <p>A conflict on a critical field (a mapping's is_critical, or {@link CriticalFields}) or under
 * the Manual strategy waits for a reviewer and Caskr keeps its value. Otherwise SalesforceWins and
 * CaskrWins pick their side, and LastWriteWins the later of the two modification times; on a tie
 * Salesforce wins: its change is the one being applied now, and Salesforce keeps only milliseconds
 * where Caskr keeps microseconds, so a tie means "as good as simultaneous".
 */
public final class ConflictDetector {

  /** Decides every inbound mapped field present in {@code sides.salesforce()}. */
  public ThreeWayResult decide(FieldRules rules, ConflictStrategy strategy, RecordSides sides) {
    List<FieldDecision> decisions = new ArrayList<>();
    for (Map.Entry<String, Object> incoming : sides.salesforce().entrySet()) {
      String field = incoming.getKey();
      Object sf = incoming.getValue();
      Object caskr = sides.caskr().get(field);
      boolean baseKnown = sides.base().containsKey(field);
      Object base = sides.base().get(field);
      if (SameValue.test(sf, caskr)) {
        decisions.add(new FieldDecision.Agreed(field, sf));
        continue;
      }
      if (baseKnown && SameValue.test(sf, base)) {
        decisions.add(new FieldDecision.KeepCaskrEdit(field));
        continue;
      }
      if (baseKnown && SameValue.test(caskr, base)) {
        decisions.add(new FieldDecision.ApplySalesforce(field, sf));
        continue;
      }
      String salesforceField =
          rules.inboundSourceOf(field).map(FieldRule::salesforceField).orElse(field);
      var conflict =
          new FieldConflict(
              field,
              salesforceField,
              baseKnown,
              base,
              sf,
              caskr,
              sides.salesforceModifiedAt(),
              sides.caskrModifiedAt(),
              strategy,
              rules.critical(field) || CriticalFields.alwaysCritical(rules.caskrEntity(), field));
      decisions.add(settle(conflict));
    }
    return new ThreeWayResult(decisions);
  }

  private static FieldDecision settle(FieldConflict conflict) {
    if (conflict.needsReview()) {
      return new FieldDecision.NeedsReview(conflict);
    }
    Resolution resolution =
        switch (conflict.strategy()) {
          case SALESFORCE_WINS -> Resolution.KEEP_SALESFORCE;
          case CASKR_WINS -> Resolution.KEEP_CASKR;
          case LAST_WRITE_WINS ->
              caskrIsLater(conflict.salesforceModifiedAt(), conflict.caskrModifiedAt())
                  ? Resolution.KEEP_CASKR
                  : Resolution.KEEP_SALESFORCE;
          case MANUAL -> throw new IllegalStateException("Manual conflicts need review");
        };
    Object value =
        resolution == Resolution.KEEP_SALESFORCE
            ? conflict.salesforceValue()
            : conflict.caskrValue();
    return new FieldDecision.Resolved(conflict, resolution, value);
  }

  private static boolean caskrIsLater(Instant salesforce, Instant caskr) {
    return caskr.isAfter(salesforce);
  }

  /**
   * The value a reviewer's decision puts on both sides.
   *
   * @param merged the reviewer's own value; only used for MERGED
   */
  public static Object resolvedValue(
      Resolution resolution, Object salesforceValue, Object caskrValue, Object merged) {
    return switch (resolution) {
      case KEEP_SALESFORCE -> salesforceValue;
      case KEEP_CASKR -> caskrValue;
      case MERGED -> merged;
      case DISMISSED ->
          throw new IllegalArgumentException("a dismissed conflict puts no value on either side");
    };
  }
}
