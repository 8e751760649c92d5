package com.caskr.sync.emulator.soql;

import com.caskr.sync.emulator.soql.Token.Kind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a query into tokens. Paths such as {@code Account.Owner.Email} stay one word. */
final class Tokenizer {

  // SOQL date and datetime literals are unquoted, so they have to be recognised before numbers.
  private static final Pattern DATE_OR_DATETIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?)?");
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");

  private final String soql;
  private final List<Token> tokens = new ArrayList<>();
  private int position;

  private Tokenizer(String soql) {
    this.soql = soql;
  }

  static List<Token> tokenize(String soql) {
    var tokenizer = new Tokenizer(soql);
    tokenizer.run();
    return tokenizer.tokens;
  }

  /**
   * A string literal: decoded for comparisons, raw for LIKE, where {@code \%} and {@code \_}
   * matter.
   */
  record QuotedText(String decoded, String raw) {}

  private void run() {
    while (true) {
      skipWhitespace();
      if (position >= soql.length()) {
        tokens.add(new Token(Kind.END, "", null, position));
        return;
      }
      char c = soql.charAt(position);
      int start = position;
      if (Character.isLetter(c) || c == '_') {
        while (position < soql.length() && isWordPart(soql.charAt(position))) {
          position++;
        }
        add(Kind.WORD, start, null);
      } else if (c == '\'') {
        readString(start);
      } else if (Character.isDigit(c) || ((c == '-' || c == '+') && nextIsDigit())) {
        readNumberOrDate(start);
      } else if (c == '(') {
        position++;
        add(Kind.LEFT_PAREN, start, null);
      } else if (c == ')') {
        position++;
        add(Kind.RIGHT_PAREN, start, null);
      } else if (c == ',') {
        position++;
        add(Kind.COMMA, start, null);
      } else if (c == ':') {
        position++;
        add(Kind.COLON, start, null);
      } else if (c == '=' || c == '<' || c == '>' || c == '!') {
        readOperator(start, c);
      } else {
        throw SoqlException.at(
            SoqlErrorCode.MALFORMED_QUERY, soql, start, "unexpected token: '" + c + "'");
      }
    }
  }

  private void readOperator(int start, char first) {
    position++;
    char next = position < soql.length() ? soql.charAt(position) : 0;
    if ((first == '<' && (next == '=' || next == '>'))
        || (first == '>' && next == '=')
        || (first == '!' && next == '=')) {
      position++;
    } else if (first == '!') {
      throw SoqlException.at(SoqlErrorCode.MALFORMED_QUERY, soql, start, "unexpected token: '!'");
    }
    add(Kind.OPERATOR, start, null);
  }

  private void readNumberOrDate(int start) {
    Matcher date = DATE_OR_DATETIME.matcher(soql).region(start, soql.length());
    if (date.lookingAt() && !isWordPartAt(date.end())) {
      position = date.end();
      readDate(start, date);
      return;
    }
    Matcher number = NUMBER.matcher(soql).region(start, soql.length());
    if (!number.lookingAt()) {
      throw SoqlException.at(
          SoqlErrorCode.MALFORMED_QUERY,
          soql,
          start,
          "unexpected token: '" + soql.charAt(start) + "'");
    }
    position = number.end();
    add(Kind.NUMBER, start, new BigDecimal(number.group()));
  }

  private void readDate(int start, Matcher m) {
    try {
      var day = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
      if (m.group(4) == null) {
        add(Kind.DATE, start, day);
        return;
      }
      if (m.group(8) == null) {
        throw malformedDate(start);
      }
      int nanos =
          m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
      var local = day.atTime(num(m, 4), num(m, 5), num(m, 6), nanos);
      add(Kind.DATETIME, start, local.toInstant(offset(m.group(8))));
    } catch (DateTimeException e) {
      throw malformedDate(start);
    }
  }

  private static ZoneOffset offset(String text) {
    if (text.equals("Z")) {
      return ZoneOffset.UTC;
    }
    String withColon = text.contains(":") ? text : text.substring(0, 3) + ":" + text.substring(3);
    return ZoneOffset.of(withColon);
  }

  // A date-shaped literal that is no date (2024-02-30), or a datetime without its zone.
  private SoqlException malformedDate(int start) {
    return SoqlException.at(
        SoqlErrorCode.MALFORMED_QUERY,
        soql,
        start,
        "unexpected token: '" + soql.substring(start, position) + "'");
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private void readString(int start) {
    var decoded = new StringBuilder();
    position++;
    while (position < soql.length()) {
      char c = soql.charAt(position);
      if (c == '\'') {
        String raw = soql.substring(start + 1, position);
        position++;
        add(Kind.STRING, start, new QuotedText(decoded.toString(), raw));
        return;
      }
      if (c == '\\') {
        decoded.append(escape(start));
      } else {
        decoded.append(c);
        position++;
      }
    }
    throw SoqlException.at(
        SoqlErrorCode.MALFORMED_QUERY,
        soql,
        start,
        "unexpected token: '" + soql.substring(start) + "'");
  }

  private String escape(int stringStart) {
    if (position + 1 >= soql.length()) {
      throw invalidEscape(stringStart);
    }
    char code = soql.charAt(position + 1);
    position += 2;
    return switch (code) {
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'b' -> "\b";
      case 'f' -> "\f";
      case '"' -> "\"";
      case '\'' -> "'";
      case '\\' -> "\\";
      // Only LIKE gives these a meaning (raw text keeps them for it); elsewhere the backslash
      // stays.
      case '%', '_' -> "\\" + code;
      case 'u' -> unicode(stringStart);
      default -> throw invalidEscape(stringStart);
    };
  }

  private String unicode(int stringStart) {
    if (position + 4 > soql.length()) {
      throw invalidEscape(stringStart);
    }
    try {
      char c = (char) Integer.parseInt(soql.substring(position, position + 4), 16);
      position += 4;
      return String.valueOf(c);
    } catch (NumberFormatException e) {
      throw invalidEscape(stringStart);
    }
  }

  private SoqlException invalidEscape(int stringStart) {
    return SoqlException.at(
        SoqlErrorCode.MALFORMED_QUERY,
        soql,
        stringStart,
        "Invalid string literal '"
            + soql.substring(stringStart, Math.min(soql.length(), position))
            + "'. Illegal character sequence '"
            + soql.substring(Math.max(stringStart, position - 2), Math.min(soql.length(), position))
            + "' in string literal.");
  }

  private void skipWhitespace() {
    while (position < soql.length() && Character.isWhitespace(soql.charAt(position))) {
      position++;
    }
  }

  private boolean nextIsDigit() {
    return position + 1 < soql.length() && Character.isDigit(soql.charAt(position + 1));
  }

  private boolean isWordPartAt(int index) {
    return index < soql.length() && Character.isLetterOrDigit(soql.charAt(index));
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private void add(Kind kind, int start, Object value) {
    tokens.add(new Token(kind, soql.substring(start, position), value, start));
  }
}
