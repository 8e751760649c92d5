package com.caskr.sync.salesforce.pubsub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Turns an event's Avro binary payload into a {@link ChangeEvent} (schemas whose first field is
 * {@code ChangeEventHeader}) or a {@link PlatformEvent}, using the writer schema named by the
 * event's schema id. One datum reader per schema id, made on first use (readers are thread-safe).
 */
final class EventDecoder {

  private static final String HEADER = "ChangeEventHeader";

  private final WriterSchemas schemas;
  private final Map<String, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

  EventDecoder(WriterSchemas schemas) {
    this.schemas = schemas;
  }

  PubSubEvent decode(
      String topic, String eventId, String schemaId, byte[] payload, ReplayId replayId) {
    Schema schema = schemas.schema(schemaId);
    GenericDatumReader<GenericRecord> reader =
        readers.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(schema));
    GenericRecord body = read(schema, reader, payload);
    if (schema.getField(HEADER) == null) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Schema.Field field : schema.getFields()) {
        values.put(field.name(), AvroValues.plain(field, body.get(field.pos())));
      }
      return new PlatformEvent(topic, eventId, replayId, values);
    }
    var header = ChangeEventHeader.from((GenericRecord) body.get(HEADER), schema);
    return new ChangeEvent(replayId, header, values(header, body));
  }

  private static GenericRecord read(
      Schema schema, GenericDatumReader<GenericRecord> reader, byte[] payload) {
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(payload, null));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "payload does not decode with schema " + schema.getFullName(), e);
    }
  }

  private static Map<String, Object> values(ChangeEventHeader header, GenericRecord body) {
    Map<String, Object> values = new LinkedHashMap<>();
    switch (header.changeType()) {
      case CREATE, UNDELETE -> {
        for (Schema.Field field : body.getSchema().getFields()) {
          if (!field.name().equals(HEADER)) {
            putLeaves(values, field, body.get(field.pos()), true);
          }
        }
      }
      case UPDATE -> {
        header.changedFields().forEach(name -> putNamed(values, body, name, false));
        header.nulledFields().forEach(name -> putNamed(values, body, name, true));
      }
      case DELETE, GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW -> {}
    }
    return values;
  }

  /** The value of a header name: {@code Field}, {@code Compound} (all parts) or {@code C.Part}. */
  private static void putNamed(
      Map<String, Object> values, GenericRecord body, String name, boolean nulled) {
    int dot = name.indexOf('.');
    String top = dot < 0 ? name : name.substring(0, dot);
    Schema.Field field = body.getSchema().getField(top);
    if (field == null) {
      throw new IllegalArgumentException(
          "header names field %s, which %s does not have"
              .formatted(name, body.getSchema().getFullName()));
    }
    Object value = nulled ? null : body.get(field.pos());
    if (dot < 0) {
      putLeaves(values, field, value, false);
      return;
    }
    Schema compound = AvroValues.recordBranch(field.schema());
    Schema.Field part = compound == null ? null : compound.getField(name.substring(dot + 1));
    if (part == null) {
      throw new IllegalArgumentException("header names unknown compound part " + name);
    }
    Object partValue = value == null ? null : ((GenericRecord) value).get(part.pos());
    values.put(name, AvroValues.plain(part, partValue));
  }

  /** A scalar under its name; a compound field as {@code Compound.Part} entries. */
  private static void putLeaves(
      Map<String, Object> values, Schema.Field field, Object value, boolean skipNulls) {
    Schema compound = AvroValues.recordBranch(field.schema());
    if (compound == null) {
      if (value != null || !skipNulls) {
        values.put(field.name(), AvroValues.plain(field, value));
      }
      return;
    }
    for (Schema.Field part : compound.getFields()) {
      Object partValue = value == null ? null : ((GenericRecord) value).get(part.pos());
      if (partValue != null || !skipNulls) {
        values.put(field.name() + "." + part.name(), AvroValues.plain(part, partValue));
      }
    }
  }
}
