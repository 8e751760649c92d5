package com.caskr.sync.emulator.org;

import com.caskr.sync.schema.SalesforceId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints 18-character ids, unique across every org of the emulator. The counter is written in base
 * 62 with ASCII-ordered digits, so ids of one type sort in creation order.
 */
final class IdSequence {

  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  // Characters 4-5 of a real id name the pod; "Em" marks ids minted by the emulator.
  private static final String POD = "Em";
  private static final AtomicLong COUNTER = new AtomicLong(1_000_000L);

  private IdSequence() {}

  static String next(String keyPrefix) {
    long n = COUNTER.incrementAndGet();
    char[] chars = new char[15];
    keyPrefix.getChars(0, 3, chars, 0);
    POD.getChars(0, 2, chars, 3);
    for (int i = 14; i >= 5; i--) {
      chars[i] = DIGITS.charAt((int) (n % 62));
      n /= 62;
    }
    return SalesforceId.of(new String(chars)).value();
  }

  /** After a restore: ids minted from now on sort after (and never equal) this emulator id. */
  static void advancePast(String id) {
    if (id.length() < 15 || !id.startsWith(POD, 3)) {
      return;
    }
    long n = 0;
    for (int i = 5; i < 15; i++) {
      int digit = DIGITS.indexOf(id.charAt(i));
      if (digit < 0) {
        return;
      }
      n = n * 62 + digit;
    }
    long seen = n;
    COUNTER.accumulateAndGet(seen, Math::max);
  }
}
