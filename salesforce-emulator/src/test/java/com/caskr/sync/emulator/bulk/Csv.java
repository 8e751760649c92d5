package com.caskr.sync.emulator.bulk;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: quoted cells, doubled quotes, LF or CRLF lines. */
final class Csv {

  private Csv() {}

  static List<List<String>> parse(String text, char delimiter) {
    var rows = new ArrayList<List<String>>();
    var row = new ArrayList<String>();
    var cell = new StringBuilder();
    int i = 0;
    boolean cellStarted = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && cell.isEmpty() && !cellStarted) {
        cellStarted = true;
        i++;
        while (true) {
          if (i >= text.length()) {
            throw new IllegalArgumentException("Unterminated quoted cell");
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          cell.append(q);
          i++;
        }
        if (i < text.length()
            && text.charAt(i) != delimiter
            && text.charAt(i) != '\n'
            && text.charAt(i) != '\r') {
          throw new IllegalArgumentException("Text after a closing quote at " + i);
        }
      } else if (c == delimiter) {
        row.add(cell.toString());
        cell.setLength(0);
        cellStarted = false;
        i++;
      } else if (c == '\r' || c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        cellStarted = false;
        rows.add(row);
        row = new ArrayList<>();
        i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
      } else {
        if (c == '"') {
          throw new IllegalArgumentException("Quote inside an unquoted cell at " + i);
        }
        cell.append(c);
        cellStarted = true;
        i++;
      }
    }
    if (cellStarted || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
