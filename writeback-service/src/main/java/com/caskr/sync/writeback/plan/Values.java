package com.caskr.sync.writeback.plan;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Equality of field values as they come from three places (the Caskr row, the JSON snapshot,
 * Salesforce): numbers by value (5000 = 5000.00), everything else by {@code equals}.
 */
final class Values {

  private Values() {}

  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return Objects.equals(a, b);
  }

  /** Salesforce's "no value": null, or an empty string. */
  static boolean empty(Object value) {
    return value == null || "".equals(value);
  }
}
