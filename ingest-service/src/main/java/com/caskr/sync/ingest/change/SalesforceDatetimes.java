package com.caskr.sync.ingest.change;

import java.time.Instant;
import java.time.OffsetDateTime;
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
    try {
      return OffsetDateTime.parse(text, FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 datetime with offset: " + text);
    }
  }
}
