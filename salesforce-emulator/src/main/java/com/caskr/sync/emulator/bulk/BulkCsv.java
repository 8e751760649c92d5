package com.caskr.sync.emulator.bulk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The CSV of a Bulk API 2.0 query result: a header of the selected columns ({@code Account.Name}
 * for parent fields), then one line per row. Every cell is quoted with inner quotes doubled, as in
 * Salesforce's published result samples, so a client that splits on the delimiter breaks here as it
 * would against an org. A null is an empty cell, indistinguishable from an empty string. Datetimes
 * are UTC with a {@code Z} ({@code 2024-01-15T10:30:00.000Z}), not the REST API's {@code +0000}.
 */
final class BulkCsv {

  /** The {@code columnDelimiter} values of a job. */
  enum Delimiter {
    COMMA(','),
    BACKQUOTE('`'),
    CARET('^'),
    PIPE('|'),
    SEMICOLON(';'),
    TAB('\t');

    final char character;

    Delimiter(char character) {
      this.character = character;
    }
  }

  /** The {@code lineEnding} values of a job. */
  enum LineEnding {
    LF("\n"),
    CRLF("\r\n");

    final String characters;

    LineEnding(String characters) {
      this.characters = characters;
    }
  }

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private BulkCsv() {}

  /** The header line and the given rows, every line ended by {@code lineEnding}. */
  static String write(
      List<String> columns,
      List<Map<String, Object>> rows,
      Delimiter delimiter,
      LineEnding lineEnding) {
    var out = new StringBuilder(64 + (rows.size() + 1) * columns.size() * 24);
    line(out, columns, delimiter, lineEnding);
    for (Map<String, Object> row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.append(delimiter.character);
        }
        cell(out, format(value(row, columns.get(i))));
      }
      out.append(lineEnding.characters);
    }
    return out.toString();
  }

  private static void line(
      StringBuilder out, List<String> cells, Delimiter delimiter, LineEnding lineEnding) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(delimiter.character);
      }
      cell(out, cells.get(i));
    }
    out.append(lineEnding.characters);
  }

  private static void cell(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  /**
   * The value under a dotted column in a query record: parent relationships are nested maps, or
   * null when the lookup is empty.
   */
  static Object value(Map<String, Object> row, String column) {
    Object current = row;
    for (String step : column.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current instanceof Map<?, ?> ? null : current;
  }

  static String format(Object value) {
    return switch (value) {
      case null -> "";
      case Instant instant -> DATETIME.format(instant);
      case BigDecimal decimal -> decimal.toPlainString();
      default -> value.toString();
    };
  }
}
