package com.caskr.sync.emulator.org;

import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns JSON-ish input (strings, numbers, booleans, java.time values) into the stored Java types,
 * rejecting what Salesforce rejects with the error code it uses.
 */
final class FieldValues {

  /** Marks a value that failed conversion; its error has been recorded. */
  static final Object INVALID = new Object();

  private static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
  private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

  private FieldValues() {}

  static Object convert(Field field, Object raw, List<SalesforceError> errors) {
    if (raw == null) {
      return null;
    }
    return switch (field.type()) {
      case ID, REFERENCE -> id(field, raw, errors);
      case STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL -> text(field, raw, errors);
      case BOOLEAN -> bool(field, raw, errors);
      case CURRENCY, PERCENT, DOUBLE, INT -> number(field, raw, errors);
      case DATE -> date(field, raw, errors);
      case DATETIME -> dateTime(field, raw, errors);
      case ADDRESS -> parserError(field, raw, errors);
    };
  }

  /** Normalises a 15- or 18-character id; null when it is not one. */
  static String normalisedId(String raw) {
    return raw != null && SalesforceId.isValid(raw) ? SalesforceId.of(raw).value() : null;
  }

  static Instant now(java.time.Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Object id(Field field, Object raw, List<SalesforceError> errors) {
    if (!(raw instanceof String s)) {
      return parserError(field, raw, errors);
    }
    if (s.isEmpty()) {
      return null;
    }
    String id = normalisedId(s);
    if (id == null) {
      errors.add(
          SalesforceError.of(
              ErrorCode.MALFORMED_ID,
              field.name() + ": id value of incorrect type: " + shortened(s),
              field.name()));
      return INVALID;
    }
    return id;
  }

  private static Object text(Field field, Object raw, List<SalesforceError> errors) {
    String s;
    if (raw instanceof String str) {
      s = str;
    } else if (raw instanceof Number || raw instanceof Boolean) {
      s = raw instanceof BigDecimal bd ? bd.toPlainString() : raw.toString();
    } else {
      return parserError(field, raw, errors);
    }
    // Salesforce stores an empty string as null.
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() > field.length()) {
      errors.add(
          SalesforceError.of(
              ErrorCode.STRING_TOO_LONG,
              field.name()
                  + ": data value too large: "
                  + shortened(s)
                  + " (max length="
                  + field.length()
                  + ")",
              field.name()));
      return INVALID;
    }
    if (field.type() == FieldType.EMAIL && !EMAIL.matcher(s).matches()) {
      errors.add(
          SalesforceError.of(
              ErrorCode.INVALID_EMAIL_ADDRESS,
              field.name() + ": invalid email address: " + shortened(s),
              field.name()));
      return INVALID;
    }
    if (field.type() == FieldType.PICKLIST
        && field.restricted()
        && !field.picklistValues().contains(s)) {
      errors.add(restrictedPicklist(field, s));
      return INVALID;
    }
    return s;
  }

  static SalesforceError restrictedPicklist(Field field, String value) {
    return SalesforceError.of(
        ErrorCode.INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST,
        field.name() + ": bad value for restricted picklist field: " + shortened(value),
        field.name());
  }

  private static Object bool(Field field, Object raw, List<SalesforceError> errors) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.valueOf(s);
    }
    return parserError(field, raw, errors);
  }

  private static Object number(Field field, Object raw, List<SalesforceError> errors) {
    BigDecimal value;
    try {
      value =
          switch (raw) {
            case BigDecimal bd -> bd;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case java.math.BigInteger bi -> new BigDecimal(bi);
            case Double d -> new BigDecimal(Double.toString(d));
            case Float f -> new BigDecimal(Float.toString(f));
            case String s when s.isBlank() -> null;
            case String s -> new BigDecimal(s.trim());
            default -> null;
          };
    } catch (NumberFormatException e) {
      return parserError(field, raw, errors);
    }
    if (value == null) {
      return raw instanceof String ? null : parserError(field, raw, errors);
    }
    if (field.type() == FieldType.INT && value.stripTrailingZeros().scale() > 0) {
      return parserError(field, raw, errors);
    }
    BigDecimal scaled = value.setScale(field.scale(), RoundingMode.HALF_UP);
    int integerDigits = field.precision() - field.scale();
    if (scaled.abs().compareTo(BigDecimal.TEN.pow(integerDigits)) >= 0) {
      errors.add(
          SalesforceError.of(
              ErrorCode.NUMBER_OUTSIDE_VALID_RANGE,
              field.name() + ": value outside of valid range on numeric field: " + value,
              field.name()));
      return INVALID;
    }
    return scaled;
  }

  private static Object date(Field field, Object raw, List<SalesforceError> errors) {
    if (raw instanceof LocalDate d) {
      return d;
    }
    if (raw instanceof String s) {
      if (s.isEmpty()) {
        return null;
      }
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        return parserError(field, raw, errors);
      }
    }
    return parserError(field, raw, errors);
  }

  private static Object dateTime(Field field, Object raw, List<SalesforceError> errors) {
    Instant instant =
        switch (raw) {
          case Instant i -> i;
          case OffsetDateTime o -> o.toInstant();
          case ZonedDateTime z -> z.toInstant();
          case String s when s.isEmpty() -> null;
          case String s -> parseDateTime(s);
          default -> null;
        };
    if (instant == null) {
      return raw instanceof String s && s.isEmpty() ? null : parserError(field, raw, errors);
    }
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Accepts 2024-01-15T10:30:00.000+0000 (the API's own form), ISO offsets, Z, or a bare date. */
  static Instant parseDateTime(String s) {
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      String iso = COLONLESS_OFFSET.matcher(s).replaceFirst("$1:$2");
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Object parserError(Field field, Object raw, List<SalesforceError> errors) {
    errors.add(
        SalesforceError.of(
            ErrorCode.JSON_PARSER_ERROR,
            "Cannot deserialize instance of "
                + field.type().name().toLowerCase(java.util.Locale.ROOT)
                + " from value "
                + shortened(String.valueOf(raw))
                + " for field "
                + field.name(),
            field.name()));
    return INVALID;
  }

  // Values come from untrusted input; keep messages bounded.
  private static String shortened(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
