package com.caskr.sync.mapping.conflicts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Equality of JSON values as conflict detection needs it: numbers by value ({@code 18450} equals
 * {@code 18450.00}: Salesforce sends doubles, Caskr stores numeric(18,2)), everything else exactly.
 */
public final class SameValue {

  private SameValue() {}

  /** Whether {@code a} and {@code b} are the same value. */
  public static boolean test(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    return Objects.equals(a, b);
  }

  private static BigDecimal decimal(Number number) {
    return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
  }
}
