package com.caskr.sync.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class InstantTextTest {

  /** What EventJson wrote before InstantText: Jackson's own java.time serializer. */
  private static final JsonMapper JACKSON_DEFAULT =
      JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  @Test
  void writesTheSameTextAsIsoInstantForEveryFractionWidthAndTheYearBounds() {
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2026-03-21T10:41:55Z"),
                Instant.parse("2026-03-21T10:41:55.100Z"),
                Instant.parse("2026-03-21T10:41:55.120Z"),
                Instant.parse("2026-03-21T10:41:55.000001Z"),
                Instant.parse("2026-03-21T10:41:55.000000001Z"),
                Instant.parse("2026-03-21T10:41:55.999999999Z"),
                Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN,
                Instant.MAX));
    var random = new SplittableRandom(5);
    long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos));
    }

    for (Instant instant : instants) {
      assertThat(InstantText.format(instant))
          .as(instant.toString())
          .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
  }

  @Test
  void eventJsonWritesInstantsByteForByteAsJacksonsOwnSerializerDid() {
    var random = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-5_000_000_000L, 5_000_000_000L),
              i % 2 == 0 ? random.nextInt(1_000) * 1_000_000 : random.nextInt(1_000_000_000));
      Map<String, Object> document = Map.of("at", instant, "list", List.of(instant));

      assertThat(EventJson.mapper().writeValueAsBytes(document))
          .as(instant.toString())
          .isEqualTo(JACKSON_DEFAULT.writeValueAsBytes(document));
    }
  }

  @Test
  void timestampSettingsStillWriteNumbers() {
    JsonMapper timestamps =
        EventJson.mapper().rebuild().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    Instant instant = Instant.parse("2026-03-21T10:41:55.123Z");

    assertThat(timestamps.writeValueAsString(instant))
        .isEqualTo(
            JACKSON_DEFAULT
                .rebuild()
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build()
                .writeValueAsString(instant));
  }
}
