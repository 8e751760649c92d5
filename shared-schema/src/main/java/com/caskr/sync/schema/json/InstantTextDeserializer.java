package com.caskr.sync.schema.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads the text {@link InstantText} writes ({@code 2026-03-21T10:41:55.123Z}: four-digit year,
 * seconds, zero to nine fraction digits, {@code Z}) without {@link DateTimeFormatter#ISO_INSTANT}'s
 * general parser, the costliest part of reading an envelope's three instants. Everything else
 * (offsets, numbers, whitespace, leap seconds, invalid dates) goes to Jackson's own deserializer,
 * so it reads and fails exactly as before.
 */
final class InstantTextDeserializer extends StdDeserializer<Instant> {

  private static final int[] NANO_SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  InstantTextDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) {
    if (parser.currentToken() == JsonToken.VALUE_STRING
        && !context.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)) {
      Instant parsed = parse(parser.getString());
      if (parsed != null) {
        return parsed;
      }
    }
    return InstantDeserializer.INSTANT.deserialize(parser, context);
  }

  /** The instant {@code text} denotes in the plain form, or null when it is not in that form. */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      int fraction = length - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int value = digits(text, 20, fraction);
      if (value < 0) {
        return null;
      }
      nanos = value * NANO_SCALE[fraction];
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The decimal value of {@code count} ASCII digits at {@code at}, or -1 if one is not a digit. */
  private static int digits(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
