package com.caskr.sync.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class InstantTextDeserializerTest {

  /** What EventJson read with before InstantTextDeserializer: Jackson's own deserializer. */
  private static final JsonMapper JACKSON_DEFAULT = JsonMapper.builder().build();

  @Test
  void readsEveryInstantItWritesAsJacksonDid() {
    var random = new SplittableRandom(11);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z")));
    for (int i = 0; i < 20_000; i++) {
      instants.add(
          Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000)));
    }

    for (Instant instant : instants) {
      String json = EventJson.mapper().writeValueAsString(instant);
      assertThat(EventJson.mapper().readValue(json, Instant.class)).isEqualTo(instant);
      assertThat(InstantTextDeserializer.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @Test
  void readsEveryFractionWidthAsJacksonDoes() {
    String digits = "123456789";
    for (int width = 0; width <= 9; width++) {
      String text = "2026-03-21T10:41:55" + (width == 0 ? "" : "." + digits.substring(0, width));
      String json = "\"" + text + "Z\"";

      assertThat(EventJson.mapper().readValue(json, Instant.class))
          .as(json)
          .isEqualTo(JACKSON_DEFAULT.readValue(json, Instant.class))
          .isNotNull();
    }
  }

  @Test
  void leavesEveryOtherFormToJacksonWithTheSameResultOrError() {
    List<String> documents =
        List.of(
            "\"2026-03-21T10:41:55+00:00\"",
            "\"2026-03-21T12:41:55+02:00\"",
            "\" 2026-03-21T10:41:55Z \"",
            "\"2026-03-21T23:59:60Z\"",
            "\"2026-03-21T24:00:00Z\"",
            "\"2026-03-21T10:41:55.Z\"",
            "\"2026-03-21T10:41:55.1234567890Z\"",
            "\"2026-02-29T10:41:55Z\"",
            "\"2026-13-01T10:41:55Z\"",
            "\"2026-03-21t10:41:55z\"",
            "\"2026-03-21T10:41Z\"",
            "\"+12026-03-21T10:41:55Z\"",
            "\"2026-03-2AT10:41:55Z\"",
            "\"1711017715\"",
            "\"1711017715.5\"",
            "\"\"",
            "1711017715",
            "1711017715.123",
            "null",
            "true",
            "[\"2026-03-21T10:41:55Z\"]",
            "{}");

    for (String json : documents) {
      Object ours = outcome(EventJson.mapper(), json);
      Object jacksons = outcome(JACKSON_DEFAULT, json);

      assertThat(ours).as(json).isEqualTo(jacksons);
    }
  }

  @Test
  void truncationOnReadIsStillHonoured() {
    JsonMapper truncating =
        EventJson.mapper().rebuild().enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ).build();

    assertThat(truncating.readValue("\"2026-03-21T10:41:55.123456Z\"", Instant.class))
        .isEqualTo(Instant.parse("2026-03-21T10:41:55.123Z"));
  }

  /** The value read, or the error's class and message: what a caller could observe. */
  private static Object outcome(JsonMapper mapper, String json) {
    Throwable error = catchThrowable(() -> mapper.readValue(json, Instant.class));
    if (error == null) {
      return String.valueOf(mapper.readValue(json, Instant.class));
    }
    assertThat(error).isInstanceOf(JacksonException.class);
    return error.getClass().getName() + ": " + ((JacksonException) error).getOriginalMessage();
  }
}
