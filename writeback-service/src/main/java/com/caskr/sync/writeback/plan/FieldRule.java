package com.caskr.sync.writeback.plan;

import java.util.Objects;

/**
 * One mapped field as writeback sees it.
 *
 * @param critical changed on both sides always means manual review (e.g. a portal user's email)
 * @param trim the mapping's TRIM rule: the value goes to Salesforce without surrounding blanks
 */
public record FieldRule(
    String caskrField,
    String salesforceField,
    Direction direction,
    boolean critical,
    boolean trim) {

  public FieldRule {
    Objects.requireNonNull(caskrField, "caskrField");
    Objects.requireNonNull(salesforceField, "salesforceField");
    Objects.requireNonNull(direction, "direction");
  }

  /** The value Salesforce gets for a Caskr value. */
  Object outbound(Object caskrValue) {
    return trim && caskrValue instanceof String text ? text.strip() : caskrValue;
  }
}
