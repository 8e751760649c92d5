package com.caskr.sync.ingest.change;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Datetimes as Salesforce writes them: JSON uses {@code +0000} offsets (gotcha 18), SOAP and ISO
 * senders {@code Z} or {@code +00:00}; all three are read.
 */
public final class SalesforceDatetimes {

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private SalesforceDatetimes() {}

  /**
   * @throws IllegalArgumentException if {@code text} is not a datetime with an offset
   */
  public static Instant parse(String text) {
    Instant common = commonShape(text);
    if (common != null) {
      return common;
    }
    try {
      return OffsetDateTime.parse(text, FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 datetime with offset: " + text);
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} with {@code Z}, {@code ±HHMM} or {@code ±HH:MM}, every
   * field in its strict range: what every channel sends, read without the formatter (about 3 % of a
   * webhook's request thread, JFR of the webhook benchmark). Null for anything else, which the
   * formatter reads (or refuses) as before.
   */
  private static Instant commonShape(String s) {
    int length = s.length();
    if (length < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < length && i - start < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i++) - '0');
      }
      if (i == start || (i < length && isDigit(s.charAt(i)))) {
        return null;
      }
      for (int scale = i - start; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    int rest = length - i;
    if (rest == 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if ((rest == 5 || (rest == 6 && s.charAt(i + 3) == ':'))
        && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      int offsetHours = digits(s, i + 1, i + 3);
      int offsetMinutes = digits(s, length - 2, length);
      if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
      return null;
    }
    long epochSecond =
        LocalDate.of(year, month, day).toEpochDay() * 86_400
            + hour * 3_600L
            + minute * 60L
            + second
            - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The non-negative number written by the digits in [from, to), or -1. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
