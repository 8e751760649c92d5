package com.caskr.sync.ingest.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Salesforce's datetime shapes read as the formatter reads them, fast path or not. */
class SalesforceDatetimesTest {

  /** The formatter SalesforceDatetimes always used: the reference for every input. */
  private static final DateTimeFormatter REFERENCE =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  @Test
  void readsTheShapesEveryChannelSends() {
    Instant expected = Instant.parse("2026-03-21T10:41:54Z");
    assertThat(SalesforceDatetimes.parse("2026-03-21T10:41:54.000+0000")).isEqualTo(expected);
    assertThat(SalesforceDatetimes.parse("2026-03-21T10:41:54Z")).isEqualTo(expected);
    assertThat(SalesforceDatetimes.parse("2026-03-21T11:41:54+01:00")).isEqualTo(expected);
    assertThat(SalesforceDatetimes.parse("2026-03-21T05:11:54.000-0530")).isEqualTo(expected);
  }

  @Test
  void agreesWithTheFormatterOnGeneratedAndOddInputs() {
    Random random = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      long second = random.nextLong(-2_208_988_800L, 7_258_118_400L);
      int nanos = random.nextInt(1_000_000_000);
      var offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
      var time = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nanos), offset);
      String date = String.format("%tY-%<tm-%<tdT%<tH:%<tM:%<tS", time);
      String fraction =
          switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> ".000";
            case 2 -> String.format(".%09d", nanos).substring(0, 1 + 1 + random.nextInt(9));
            default -> String.format(".%09d", nanos);
          };
      String zone = offset.getId();
      String suffix =
          switch (random.nextInt(3)) {
            case 0 -> zone;
            case 1 -> zone.equals("Z") ? "+0000" : zone.replace(":", "");
            default -> zone.equals("Z") ? "Z" : zone;
          };
      assertSameAsReference(date + fraction + suffix);
    }
    for (String odd :
        List.of(
            "2026-02-30T10:00:00Z",
            "2024-02-29T10:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T23:59:60Z",
            "2026-01-01T10:41Z",
            "2026-01-01T10:41:54.Z",
            "2026-01-01T10:41:54.1234567891Z",
            "2026-01-01T10:41:54",
            "2026-01-01T10:41:54z",
            "2026-01-01T10:41:54+18:00",
            "2026-01-01T10:41:54-00:00",
            "2026-01-01T10:41:54+1:00",
            "2026-01-01T10:41:54+01:0",
            "2026-01-01T10:41:54+01:00:00",
            "+12026-01-01T10:41:54Z",
            "0000-01-01T00:00:00Z",
            "2026-13-01T10:41:54Z",
            "2026-1-01T10:41:54Z",
            "2026-01-01 10:41:54Z",
            "yesterday")) {
      assertSameAsReference(odd);
    }
  }

  private static void assertSameAsReference(String text) {
    Instant expected;
    try {
      expected = OffsetDateTime.parse(text, REFERENCE).toInstant();
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> SalesforceDatetimes.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(text);
      return;
    }
    assertThat(SalesforceDatetimes.parse(text)).as(text).isEqualTo(expected);
  }
}
