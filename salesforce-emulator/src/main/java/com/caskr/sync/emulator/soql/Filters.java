package com.caskr.sync.emulator.soql;

import com.caskr.sync.emulator.soql.Syntax.All;
import com.caskr.sync.emulator.soql.Syntax.Any;
import com.caskr.sync.emulator.soql.Syntax.Bool;
import com.caskr.sync.emulator.soql.Syntax.Comparison;
import com.caskr.sync.emulator.soql.Syntax.Condition;
import com.caskr.sync.emulator.soql.Syntax.DateLiteral;
import com.caskr.sync.emulator.soql.Syntax.DateTimeLiteral;
import com.caskr.sync.emulator.soql.Syntax.InList;
import com.caskr.sync.emulator.soql.Syntax.Like;
import com.caskr.sync.emulator.soql.Syntax.Literal;
import com.caskr.sync.emulator.soql.Syntax.Not;
import com.caskr.sync.emulator.soql.Syntax.NullLiteral;
import com.caskr.sync.emulator.soql.Syntax.Number;
import com.caskr.sync.emulator.soql.Syntax.Operator;
import com.caskr.sync.emulator.soql.Syntax.RelativeDate;
import com.caskr.sync.emulator.soql.Syntax.Text;
import com.caskr.sync.schema.SalesforceId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Compiles a WHERE clause into a row predicate once per query.
 *
 * <p>SOQL semantics kept here: text compares case-insensitively, ids case-sensitively after 15→18
 * normalisation; {@code !=} and {@code NOT IN} match rows whose value is null (Salesforce is not
 * SQL here); the other comparisons never match null. The seam carries no field types, so a literal
 * of the wrong type (a quoted date, an unquoted text) is detected against the first non-null value
 * the filter meets and refused then, with Salesforce's error.
 */
final class Filters {

  private final RecordSource source;
  private final String type;
  private final String soql;
  private final Clock clock;

  Filters(RecordSource source, String type, String soql, Clock clock) {
    this.source = source;
    this.type = type;
    this.soql = soql;
    this.clock = clock;
  }

  Predicate<Map<String, Object>> compile(Condition condition) {
    return switch (condition) {
      case All all -> allOf(all.conditions().stream().map(this::compile).toList());
      case Any any -> anyOf(any.conditions().stream().map(this::compile).toList());
      case Not not -> compile(not.condition()).negate();
      case Comparison comparison -> comparison(comparison);
      case InList in -> inList(in);
      case Like like -> like(like);
    };
  }

  private static Predicate<Map<String, Object>> allOf(List<Predicate<Map<String, Object>>> parts) {
    @SuppressWarnings("unchecked")
    Predicate<Map<String, Object>>[] array = parts.toArray(Predicate[]::new);
    return row -> {
      for (var part : array) {
        if (!part.test(row)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<Map<String, Object>> anyOf(List<Predicate<Map<String, Object>>> parts) {
    @SuppressWarnings("unchecked")
    Predicate<Map<String, Object>>[] array = parts.toArray(Predicate[]::new);
    return row -> {
      for (var part : array) {
        if (part.test(row)) {
          return true;
        }
      }
      return false;
    };
  }

  private Predicate<Map<String, Object>> comparison(Comparison comparison) {
    FieldPath path = FieldPath.resolve(source, type, comparison.field(), soql);
    Operator operator = comparison.operator();
    Literal literal = comparison.value();
    String fieldName = comparison.field().text();
    if (literal instanceof NullLiteral) {
      return switch (operator) {
        case EQUALS -> row -> path.read(row, source) == null;
        case NOT_EQUALS -> row -> path.read(row, source) != null;
        default ->
            throw operatorError(
                literal, "invalid operator for null value on field '" + fieldName + "'");
      };
    }
    if (literal instanceof RelativeDate relative) {
      return relativeDate(path, operator, relative, fieldName);
    }
    Operand operand = operand(path, literal, fieldName);
    boolean orderingOperator = operator != Operator.EQUALS && operator != Operator.NOT_EQUALS;
    if (orderingOperator && literal instanceof Bool) {
      throw operatorError(literal, "invalid operator on boolean field '" + fieldName + "'");
    }
    return row -> {
      Object value = path.read(row, source);
      if (value == null) {
        return operator == Operator.NOT_EQUALS;
      }
      if (orderingOperator && value instanceof Boolean) {
        throw operatorError(literal, "invalid operator on boolean field '" + fieldName + "'");
      }
      int c = operand.compareTo(value);
      return switch (operator) {
        case EQUALS -> c == 0;
        case NOT_EQUALS -> c != 0;
        case LESS -> c < 0;
        case LESS_OR_EQUAL -> c <= 0;
        case GREATER -> c > 0;
        case GREATER_OR_EQUAL -> c >= 0;
      };
    };
  }

  private Predicate<Map<String, Object>> inList(InList in) {
    FieldPath path = FieldPath.resolve(source, type, in.field(), soql);
    String fieldName = in.field().text();
    boolean negated = in.negated();
    boolean matchesNull = in.values().stream().anyMatch(NullLiteral.class::isInstance);
    List<Literal> values = in.values().stream().filter(v -> !(v instanceof NullLiteral)).toList();
    Predicate<Object> member;
    if (!values.isEmpty() && values.stream().allMatch(Text.class::isInstance)) {
      // Text lists are what sync queries use (Id IN (...)); a set keeps them O(1) per row.
      Set<String> keys = new HashSet<>();
      for (Literal value : values) {
        keys.add(textKey(path, (Text) value, fieldName));
      }
      Literal first = values.getFirst();
      member =
          value -> {
            if (!(value instanceof String text)) {
              throw typeMismatch(first, fieldName, value);
            }
            return keys.contains(path.idValued() ? text : text.toLowerCase(Locale.ROOT));
          };
    } else {
      List<Operand> operands = new ArrayList<>();
      for (Literal value : values) {
        if (value instanceof RelativeDate) {
          throw operatorError(
              value, "invalid date literal in IN list on field '" + fieldName + "'");
        }
        operands.add(operand(path, value, fieldName));
      }
      member =
          value -> {
            for (Operand operand : operands) {
              if (operand.compareTo(value) == 0) {
                return true;
              }
            }
            return false;
          };
    }
    return row -> {
      Object value = path.read(row, source);
      boolean found = value == null ? matchesNull : member.test(value);
      return negated != found;
    };
  }

  private Predicate<Map<String, Object>> like(Like like) {
    FieldPath path = FieldPath.resolve(source, type, like.field(), soql);
    String fieldName = like.field().text();
    if (path.idValued()) {
      throw operatorError(like.pattern(), "invalid operator on id field");
    }
    Predicate<String> matches = likeMatcher(like.pattern().raw());
    return row -> {
      Object value = path.read(row, source);
      if (value == null) {
        return false;
      }
      if (!(value instanceof String text)) {
        throw operatorError(
            like.pattern(),
            "invalid operator on " + typeName(value) + " field '" + fieldName + "'");
      }
      return matches.test(text);
    };
  }

  /**
   * LIKE: {@code %} any run, {@code _} one character, {@code \%} and {@code \_} themselves,
   * case-insensitive. The shapes sync queries use (exact, prefix%, %suffix, %infix%) skip the regex
   * engine, which is several times slower per row.
   */
  static Predicate<String> likeMatcher(String raw) {
    var parts = new ArrayList<String>();
    var literal = new StringBuilder();
    boolean wildcardInside = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char escaped = raw.charAt(++i);
        if (escaped == 'u' && i + 4 < raw.length()) {
          // The tokenizer has already checked the four hex digits.
          literal.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
          i += 4;
          continue;
        }
        literal.append(
            switch (escaped) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'f' -> '\f';
              default -> escaped;
            });
      } else if (c == '%' || c == '_') {
        parts.add(literal.toString());
        literal.setLength(0);
        parts.add(c == '%' ? "%" : "_");
        wildcardInside |= c == '_' || (i > 0 && i < raw.length() - 1);
      } else {
        literal.append(c);
      }
    }
    parts.add(literal.toString());
    if (!wildcardInside) {
      return simpleLike(parts);
    }
    var regex = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      // Wildcards sit at odd indexes, literals (possibly empty) at even ones.
      if (i % 2 == 1) {
        regex.append(part.equals("%") ? ".*" : ".");
      } else if (!part.isEmpty()) {
        regex.append(Pattern.quote(part));
      }
    }
    Pattern pattern =
        Pattern.compile(
            regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    return text -> pattern.matcher(text).matches();
  }

  // Here every wildcard is a % at either end; literals sit at even indexes, so an escaped "%"
  // literal is not mistaken for one.
  private static Predicate<String> simpleLike(List<String> parts) {
    boolean leading = parts.size() > 1 && parts.getFirst().isEmpty();
    boolean trailing = parts.size() > 1 && parts.getLast().isEmpty();
    var literal = new StringBuilder();
    for (int i = 0; i < parts.size(); i += 2) {
      literal.append(parts.get(i));
    }
    String fixed = literal.toString();
    int n = fixed.length();
    if (leading && trailing) {
      return text -> containsIgnoreCase(text, fixed);
    }
    if (leading) {
      return text -> text.length() >= n && text.regionMatches(true, text.length() - n, fixed, 0, n);
    }
    if (trailing) {
      return text -> text.regionMatches(true, 0, fixed, 0, n);
    }
    return text -> text.equalsIgnoreCase(fixed);
  }

  private static boolean containsIgnoreCase(String text, String fixed) {
    int n = fixed.length();
    for (int start = 0; start + n <= text.length(); start++) {
      if (text.regionMatches(true, start, fixed, 0, n)) {
        return true;
      }
    }
    return false;
  }

  private Predicate<Map<String, Object>> relativeDate(
      FieldPath path, Operator operator, RelativeDate relative, String fieldName) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate from;
    LocalDate until;
    switch (relative.kind()) {
      case TODAY -> {
        from = today;
        until = today.plusDays(1);
      }
      case YESTERDAY -> {
        from = today.minusDays(1);
        until = today;
      }
      case TOMORROW -> {
        from = today.plusDays(1);
        until = today.plusDays(2);
      }
      case LAST_N_DAYS -> {
        from = today.minusDays(relative.n());
        until = today.plusDays(1);
      }
      case NEXT_N_DAYS -> {
        from = today.plusDays(1);
        until = today.plusDays(relative.n() + 1L);
      }
      default -> throw new IllegalStateException(relative.kind().name());
    }
    Instant fromInstant = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant untilInstant = until.atStartOfDay(ZoneOffset.UTC).toInstant();
    return row -> {
      Object value = path.read(row, source);
      if (value == null) {
        return operator == Operator.NOT_EQUALS;
      }
      // Position relative to the range [from, until): -1 before, 0 inside, 1 after.
      int position =
          switch (value) {
            case LocalDate date -> date.isBefore(from) ? -1 : date.isBefore(until) ? 0 : 1;
            case Instant instant ->
                instant.isBefore(fromInstant) ? -1 : instant.isBefore(untilInstant) ? 0 : 1;
            default -> throw typeMismatch(relative, fieldName, value);
          };
      return switch (operator) {
        case EQUALS -> position == 0;
        case NOT_EQUALS -> position != 0;
        case LESS -> position < 0;
        case LESS_OR_EQUAL -> position <= 0;
        case GREATER -> position > 0;
        case GREATER_OR_EQUAL -> position >= 0;
      };
    };
  }

  /** A literal ready to compare with row values, refusing values of another type. */
  @FunctionalInterface
  private interface Operand {
    /** Compares a non-null row value with the literal: negative when the value is smaller. */
    int compareTo(Object value);
  }

  private Operand operand(FieldPath path, Literal literal, String fieldName) {
    return switch (literal) {
      case Text text -> {
        String key = path.idValued() ? textKey(path, text, fieldName) : text.decoded();
        boolean exact = path.idValued();
        yield value -> {
          if (!(value instanceof String s)) {
            throw typeMismatch(literal, fieldName, value);
          }
          return exact ? s.compareTo(key) : String.CASE_INSENSITIVE_ORDER.compare(s, key);
        };
      }
      case Number number -> {
        BigDecimal n = number.value();
        yield value -> {
          if (!(value instanceof BigDecimal d)) {
            throw typeMismatch(literal, fieldName, value);
          }
          return d.compareTo(n);
        };
      }
      case Bool bool -> {
        Boolean b = bool.value();
        yield value -> {
          if (!(value instanceof Boolean v)) {
            throw typeMismatch(literal, fieldName, value);
          }
          return v.compareTo(b);
        };
      }
      case DateLiteral date -> {
        LocalDate d = date.value();
        yield value -> {
          if (!(value instanceof LocalDate v)) {
            throw typeMismatch(literal, fieldName, value);
          }
          return v.compareTo(d);
        };
      }
      case DateTimeLiteral dateTime -> {
        Instant t = dateTime.value();
        yield value -> {
          if (!(value instanceof Instant v)) {
            throw typeMismatch(literal, fieldName, value);
          }
          return v.compareTo(t);
        };
      }
      case NullLiteral n -> throw new IllegalStateException("null literals are handled apart");
      case RelativeDate r -> throw new IllegalStateException("relative dates are handled apart");
    };
  }

  /** Ids are refused unless well formed and compared in their 18-character form. */
  private String textKey(FieldPath path, Text text, String fieldName) {
    if (!path.idValued()) {
      return text.decoded().toLowerCase(Locale.ROOT);
    }
    if (!SalesforceId.isValid(text.decoded())) {
      throw operatorError(text, "invalid ID field: " + text.decoded());
    }
    return SalesforceId.of(text.decoded()).value();
  }

  private SoqlException typeMismatch(Literal literal, String fieldName, Object value) {
    boolean quoted = value instanceof String;
    return operatorError(
        literal,
        "value of filter criterion for field '"
            + fieldName
            + "' must be of type "
            + typeName(value)
            + (quoted
                ? " and should be enclosed in quotes"
                : " and should not be enclosed in quotes"));
  }

  private static String typeName(Object value) {
    return switch (value) {
      case String s -> "string";
      case BigDecimal d -> "double";
      case Boolean b -> "boolean";
      case LocalDate d -> "date";
      case Instant i -> "dateTime";
      default -> value.getClass().getSimpleName();
    };
  }

  private SoqlException operatorError(Literal literal, String reason) {
    return SoqlException.at(
        SoqlErrorCode.INVALID_QUERY_FILTER_OPERATOR, soql, literal.offset(), reason);
  }
}
