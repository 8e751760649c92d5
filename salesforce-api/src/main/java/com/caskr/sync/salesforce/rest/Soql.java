package com.caskr.sync.salesforce.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * SOQL literals and Salesforce's JSON datetimes (gotcha 18): a datetime literal is unquoted
 * ISO-8601 in UTC ({@code 2024-01-15T10:30:00Z}), while JSON answers carry {@code
 * 2024-01-15T10:30:00.000+0000}.
 */
public final class Soql {

  private static final DateTimeFormatter LITERAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LITERAL_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Soql() {}

  /**
   * An unquoted datetime literal; milliseconds are kept when present so a watermark never moves
   * past a record.
   */
  public static String literal(Instant instant) {
    Instant utc = instant.truncatedTo(ChronoUnit.MILLIS);
    return utc.getNano() == 0 ? LITERAL.format(utc) : LITERAL_MILLIS.format(utc);
  }

  /** An unquoted date literal, {@code 2024-01-15}. */
  public static String literal(LocalDate date) {
    return date.toString();
  }

  /** A quoted string literal with {@code \\}, {@code '} and control characters escaped. */
  public static String literal(String value) {
    var sb = new StringBuilder(value.length() + 2).append('\'');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }

  /** A JSON datetime from Salesforce ({@code +0000}, {@code +00:00} or {@code Z}). */
  public static Instant parseDateTime(String value) {
    if (value == null) {
      throw new IllegalArgumentException("No datetime");
    }
    String iso =
        value.matches(".*[+-]\\d{4}$")
            ? value.substring(0, value.length() - 2) + ":" + value.substring(value.length() - 2)
            : value;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not a Salesforce datetime: " + value, e);
    }
  }
}
