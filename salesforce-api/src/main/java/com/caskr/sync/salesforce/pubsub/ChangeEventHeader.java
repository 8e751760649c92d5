package com.caskr.sync.salesforce.pubsub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code ChangeEventHeader} of a CDC event with its field bitmaps decoded to names (§4.3).
 *
 * @param recordIds usually one id; several when Salesforce merged identical changes; empty for
 *     {@link ChangeType#GAP_OVERFLOW}
 * @param changeOrigin {@code com/salesforce/api/<api>/<ver>;client=<id>}, or null
 * @param sequenceNumber order within the transaction
 * @param changedFields names of the changed fields, {@code Parent.Child} for parts of compound
 *     fields
 * @param nulledFields names of the fields set to null
 * @param diffFields names of the fields sent as diffs (long text)
 */
public record ChangeEventHeader(
    String entityName,
    List<String> recordIds,
    ChangeType changeType,
    String changeOrigin,
    String transactionKey,
    int sequenceNumber,
    Instant commitTimestamp,
    long commitNumber,
    String commitUser,
    List<String> changedFields,
    List<String> nulledFields,
    List<String> diffFields) {

  public ChangeEventHeader {
    Objects.requireNonNull(entityName, "entityName");
    Objects.requireNonNull(changeType, "changeType");
    recordIds = List.copyOf(recordIds);
    changedFields = List.copyOf(changedFields);
    nulledFields = List.copyOf(nulledFields);
    diffFields = List.copyOf(diffFields);
  }

  /** Reads the header of an event decoded with {@code eventSchema}, its writer schema. */
  static ChangeEventHeader from(GenericRecord header, Schema eventSchema) {
    return new ChangeEventHeader(
        text(header, "entityName"),
        strings(header, "recordIds"),
        ChangeType.valueOf(text(header, "changeType")),
        text(header, "changeOrigin"),
        text(header, "transactionKey"),
        header.get("sequenceNumber") instanceof Number n ? n.intValue() : 0,
        header.get("commitTimestamp") instanceof Number n
            ? Instant.ofEpochMilli(n.longValue())
            : null,
        header.get("commitNumber") instanceof Number n ? n.longValue() : 0L,
        text(header, "commitUser"),
        FieldBitmaps.fieldNames(strings(header, "changedFields"), eventSchema),
        FieldBitmaps.fieldNames(strings(header, "nulledFields"), eventSchema),
        FieldBitmaps.fieldNames(strings(header, "diffFields"), eventSchema));
  }

  /**
   * True when this change was made by the API client tagged {@code client} through {@code
   * Sforce-Call-Options: client=…} (gotcha 14): our own writes coming back.
   */
  public boolean isEcho(String client) {
    if (changeOrigin == null || client == null) {
      return false;
    }
    for (String part : changeOrigin.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith("client=") && trimmed.substring("client=".length()).equals(client)) {
        return true;
      }
    }
    return false;
  }

  private static String text(GenericRecord record, String field) {
    Object value = record.hasField(field) ? record.get(field) : null;
    return value == null ? null : value.toString();
  }

  private static List<String> strings(GenericRecord record, String field) {
    Object value = record.hasField(field) ? record.get(field) : null;
    if (value == null) {
      return List.of();
    }
    return ((List<?>) value).stream().map(Object::toString).toList();
  }
}
