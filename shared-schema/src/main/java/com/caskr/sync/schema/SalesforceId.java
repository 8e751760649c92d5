package com.caskr.sync.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Salesforce record id, always held in its 18-character form.
 *
 * <p>15-character ids are case-sensitive and collide when compared case-insensitively
 * (spreadsheets, some databases); the 18-character form appends a checksum of the case pattern,
 * which is why we normalise to it and why we never change the case of an id. An 18-character id
 * whose suffix does not match its first 15 characters was mangled somewhere and is rejected rather
 * than repaired.
 *
 * <p>On the wire the id is a plain JSON string.
 */
public record SalesforceId(@JsonValue String value) implements Comparable<SalesforceId> {

  private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  public SalesforceId {
    value = normalise(value);
  }

  /** Parses a 15- or 18-character id; throws {@link IllegalArgumentException} if it is not one. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SalesforceId of(String value) {
    return new SalesforceId(value);
  }

  /** Whether {@code value} is a well-formed 15- or 18-character id with a matching checksum. */
  public static boolean isValid(String value) {
    return problemWith(value) == null;
  }

  /** The first three characters, which identify the object type: 001 Account, 003 Contact, ... */
  public String keyPrefix() {
    return value.substring(0, 3);
  }

  /** Whether this id belongs to the object type with the given key prefix. */
  public boolean hasKeyPrefix(String prefix) {
    return value.startsWith(prefix);
  }

  @Override
  public int compareTo(SalesforceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String normalise(String value) {
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException("Not a Salesforce id: " + quoted(value) + ": " + problem);
    }
    return value.length() == 15 ? value + checksum(value) : value;
  }

  private static String problemWith(String value) {
    if (value == null) {
      return "must not be null";
    }
    if (value.length() != 15 && value.length() != 18) {
      return "must have 15 or 18 characters, has " + value.length();
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isAsciiAlphanumeric(value.charAt(i))) {
        return "character " + (i + 1) + " is not a letter or digit";
      }
    }
    if (value.length() == 18) {
      String expected = checksum(value.substring(0, 15));
      if (!value.endsWith(expected)) {
        return "checksum suffix " + value.substring(15) + " does not match, expected " + expected;
      }
    }
    return null;
  }

  private static String checksum(String fifteen) {
    var suffix = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = fifteen.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix.append(CHECKSUM_ALPHABET.charAt(bits));
    }
    return suffix.toString();
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  // Ids arrive from untrusted input; cap what ends up in an exception message or log line.
  private static String quoted(String value) {
    if (value == null) {
      return "null";
    }
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
  }
}
