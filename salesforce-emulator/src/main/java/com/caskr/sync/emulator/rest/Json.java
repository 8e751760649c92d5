package com.caskr.sync.emulator.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out as Salesforce writes it: datetimes {@code 2024-01-15T10:30:00.000+0000}, dates
 * {@code 2024-01-15}, decimals as plain JSON numbers. Writing is hand-rolled because query paging
 * serialises thousands of records per request and the value formats must be exact.
 */
final class Json {

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private Json() {}

  static String datetime(Instant instant) {
    return DATETIME.format(instant);
  }

  static String write(Object value) {
    var out = new StringBuilder(256);
    write(out, value);
    return out.toString();
  }

  static void write(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(out, s);
      case Boolean b -> out.append(b.booleanValue());
      case BigDecimal d -> out.append(d.toPlainString());
      case Double d -> out.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
      case Number n -> out.append(n);
      case Instant i -> out.append('"').append(DATETIME.format(i)).append('"');
      case LocalDate d -> out.append('"').append(d).append('"');
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (var entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, String.valueOf(entry.getKey()));
          out.append(':');
          write(out, entry.getValue());
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, list.get(i));
        }
        out.append(']');
      }
      default -> string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Parses a request body; malformed JSON is Salesforce's 400 JSON_PARSER_ERROR.
   *
   * @return maps, lists, strings, BigDecimal/Integer/Long, booleans and nulls
   */
  static Object parse(String body) {
    if (body == null || body.isBlank()) {
      throw RestFailure.badRequest("JSON_PARSER_ERROR", "The request body is empty.");
    }
    try {
      return MAPPER.readValue(body, Object.class);
    } catch (JacksonException e) {
      throw RestFailure.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String body) {
    if (parse(body) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw RestFailure.badRequest(
        "JSON_PARSER_ERROR", "Cannot deserialize instance of sObject from a non-object value");
  }
}
