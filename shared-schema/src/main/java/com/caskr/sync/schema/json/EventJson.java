package com.caskr.sync.schema.json;

import java.time.Instant;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one Jackson configuration for event JSON, shared by the Kafka serdes and any service that
 * reads or writes event payloads itself (an outbox, a test).
 *
 * <ul>
 *   <li>Instants and dates as ISO-8601 strings (instants written by {@link InstantText} and read by
 *       {@link InstantTextDeserializer}: the same text and values as Jackson's own at a fraction of
 *       the cost).
 *   <li>Unknown properties are ignored: newer producers may add optional fields.
 *   <li>Decimals read as {@link java.math.BigDecimal} and written plain, so amounts stay exact.
 *   <li>Parse errors never quote the source document: payloads are customer data.
 * </ul>
 *
 * <p>A {@link JsonMapper} is immutable and thread-safe; to adjust it, start from {@code
 * EventJson.mapper().rebuild()}.
 */
public final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .addModule(
              new SimpleModule("caskr-instants")
                  .addSerializer(Instant.class, new InstantText())
                  .addDeserializer(Instant.class, new InstantTextDeserializer()))
          .build();

  private EventJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
