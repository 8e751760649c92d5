package com.caskr.sync.writeback.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides per field what a Caskr edit sends to Salesforce.
 *
 * <ul>
 *   <li>Fields that only flow from Salesforce are never pushed.
 *   <li>A value equal to the last synced snapshot is not a Caskr change (an echo, a stale event).
 *   <li>Push-only fields (e.g. the order status into {@code Caskr_Order_Status__c}) are sent
 *       whenever Caskr's value differs from the snapshot: Salesforce users do not edit them.
 *   <li>Bidirectional fields get the three-way check: when Salesforce changed the record since the
 *       last sync and its value differs from both the snapshot and Caskr's, that is a conflict for
 *       the queue, not an overwrite; when it already equals Caskr's, there is nothing to send. A
 *       field missing from the snapshot counts as changed in Salesforce only when Salesforce holds
 *       a value for it.
 *   <li>A settled conflict Caskr won sends its fields as they are now, unchecked.
 *   <li>A row not linked yet is sent whole (every pushable field), by external id where the target
 *       creates records; an order without its Opportunity is skipped.
 * </ul>
 */
public final class Planner {

  private Planner() {}

  /** {@code rules} are the entity's field mappings for the row's company. */
  public static RecordPlan plan(RowState state, List<FieldRule> rules) {
    Edit edit = state.edit();
    Target target = Target.of(edit.entity());
    if (state.row() == null || (state.link() == null && !target.createsRecords())) {
      return new RecordPlan(null, List.of(), Map.of());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> snapshot = new LinkedHashMap<>();
    Map<String, Object> agreed = new LinkedHashMap<>();
    List<Conflict> conflicts = new ArrayList<>();
    for (FieldRule rule : rules) {
      if (!rule.direction().pushes() || !state.row().containsKey(rule.caskrField())) {
        continue;
      }
      Object caskr = rule.outbound(state.row().get(rule.caskrField()));
      if (state.link() == null) {
        if (caskr != null) {
          fields.put(rule.salesforceField(), caskr);
          snapshot.put(rule.caskrField(), caskr);
        }
        continue;
      }
      if (!edit.allFields() && !edit.fields().contains(rule.caskrField())) {
        continue;
      }
      if (edit.resolution()) {
        fields.put(rule.salesforceField(), caskr);
        snapshot.put(rule.caskrField(), caskr);
        continue;
      }
      Map<String, Object> base = state.link().lastSynced();
      boolean baseKnown = base.containsKey(rule.caskrField());
      Object baseValue = base.get(rule.caskrField());
      if (baseKnown && Values.same(caskr, baseValue)) {
        continue;
      }
      if (rule.direction() == Direction.BIDIRECTIONAL && state.salesforce() != null) {
        Object salesforce = state.salesforce().values().get(rule.salesforceField());
        if (Values.same(salesforce, caskr)) {
          agreed.put(rule.caskrField(), caskr);
          continue;
        }
        // No snapshot entry (a record synced before the field had a value: its CDC create carried
        // no such field) and nothing in Salesforce either: Salesforce did not change it, so Caskr's
        // first value is an edit to send, not a conflict.
        boolean salesforceChanged =
            baseKnown ? !Values.same(salesforce, baseValue) : !Values.empty(salesforce);
        if (salesforceChanged) {
          conflicts.add(
              new Conflict(
                  target,
                  edit.companyId(),
                  edit.caskrId(),
                  state.link().salesforceId(),
                  rule,
                  baseKnown,
                  baseValue,
                  salesforce,
                  caskr,
                  state.salesforce().modifiedAt(),
                  state.caskrModifiedAt()));
          continue;
        }
      }
      fields.put(rule.salesforceField(), caskr);
      snapshot.put(rule.caskrField(), caskr);
    }
    boolean send = !fields.isEmpty() || (state.link() == null && target.createsRecords());
    Write write =
        send
            ? new Write(
                target,
                edit.companyId(),
                edit.caskrId(),
                state.link() == null ? null : state.link().salesforceId(),
                fields,
                snapshot,
                edit.priority())
            : null;
    return new RecordPlan(write, conflicts, agreed);
  }
}
