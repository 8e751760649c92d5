package com.caskr.sync.emulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkCsvTest {

  private static Map<String, Object> row(Object... keysAndValues) {
    var row = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  private static String commaLf(List<String> columns, List<Map<String, Object>> rows) {
    return BulkCsv.write(columns, rows, BulkCsv.Delimiter.COMMA, BulkCsv.LineEnding.LF);
  }

  @Test
  void writesHeaderEvenWithoutRows() {
    assertThat(commaLf(List.of("Id", "Account.Name"), List.of()))
        .isEqualTo("\"Id\",\"Account.Name\"\n");
  }

  @Test
  void quotesEveryCellAndDoublesInnerQuotes() {
    String csv =
        commaLf(
            List.of("Id", "Name"),
            List.of(row("Id", "001A", "Name", "He said \"hi\", then\nleft")));

    assertThat(csv).isEqualTo("\"Id\",\"Name\"\n\"001A\",\"He said \"\"hi\"\", then\nleft\"\n");
  }

  @Test
  void writesNullsAsEmptyCellsLikeEmptyStrings() {
    var withNull = new HashMap<String, Object>();
    withNull.put("Phone", null);

    assertThat(commaLf(List.of("Phone", "Fax"), List.of(withNull, row("Phone", "", "Fax", ""))))
        .isEqualTo("\"Phone\",\"Fax\"\n\"\",\"\"\n\"\",\"\"\n");
  }

  @Test
  void formatsDatetimesWithZDatesBooleansAndDecimalsPlainly() {
    String csv =
        commaLf(
            List.of("SystemModstamp", "CloseDate", "IsDeleted", "Amount"),
            List.of(
                row(
                    "SystemModstamp",
                    Instant.parse("2024-01-15T10:30:00Z"),
                    "CloseDate",
                    LocalDate.parse("2024-02-29"),
                    "IsDeleted",
                    Boolean.FALSE,
                    "Amount",
                    new BigDecimal("1E+3"))));

    assertThat(csv.lines().toList().get(1))
        .isEqualTo("\"2024-01-15T10:30:00.000Z\",\"2024-02-29\",\"false\",\"1000\"");
  }

  @Test
  void readsParentFieldsThroughNestedRelationshipsAndEmptyLookupsAsNull() {
    var withParent =
        row("Id", "003A", "Account", row("attributes", Map.of(), "Owner", row("Name", "Ann")));
    var withoutParent = new HashMap<String, Object>();
    withoutParent.put("Id", "003B");
    withoutParent.put("Account", null);

    String csv = commaLf(List.of("Id", "Account.Owner.Name"), List.of(withParent, withoutParent));

    assertThat(csv).isEqualTo("\"Id\",\"Account.Owner.Name\"\n\"003A\",\"Ann\"\n\"003B\",\"\"\n");
  }

  @Test
  void usesTheJobsDelimiterAndLineEnding() {
    String csv =
        BulkCsv.write(
            List.of("A", "B"),
            List.of(row("A", "x;y", "B", "z")),
            BulkCsv.Delimiter.SEMICOLON,
            BulkCsv.LineEnding.CRLF);

    assertThat(csv).isEqualTo("\"A\";\"B\"\r\n\"x;y\";\"z\"\r\n");
  }

  @Test
  void everyDelimiterIsItsDocumentedCharacter() {
    assertThat(BulkCsv.Delimiter.TAB.character).isEqualTo('\t');
    assertThat(BulkCsv.Delimiter.BACKQUOTE.character).isEqualTo('`');
    assertThat(BulkCsv.Delimiter.CARET.character).isEqualTo('^');
    assertThat(BulkCsv.Delimiter.PIPE.character).isEqualTo('|');
  }

  @Test
  void roundTripsThroughAStrictParser() {
    String nasty = "a,\"b\"\r\nc\"\"";
    String csv = commaLf(List.of("X", "Y"), List.of(row("X", nasty, "Y", null)));

    assertThat(Csv.parse(csv, ',')).containsExactly(List.of("X", "Y"), List.of(nasty, ""));
  }
}
