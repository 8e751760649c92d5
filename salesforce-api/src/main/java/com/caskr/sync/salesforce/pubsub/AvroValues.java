package com.caskr.sync.salesforce.pubsub;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro's generic values as plain Java: {@code Utf8} and enum symbols as {@code String}, bytes as
 * {@code byte[]}, arrays as lists, and Salesforce's date conventions from the field's {@code doc}
 * ({@code "Name:DateTime"}: epoch milliseconds → {@link Instant}; {@code "Name:Date"}: epoch days →
 * {@link LocalDate}).
 */
final class AvroValues {

  private AvroValues() {}

  /** The record inside an optional {@code ["null", record]} (or the record itself), else null. */
  static Schema recordBranch(Schema schema) {
    if (schema.getType() == Schema.Type.RECORD) {
      return schema;
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() == Schema.Type.RECORD) {
          return branch;
        }
      }
    }
    return null;
  }

  static Object plain(Schema.Field field, Object value) {
    if (value == null) {
      return null;
    }
    String doc = field.doc() == null ? "" : field.doc();
    if (doc.endsWith(":DateTime") && value instanceof Long millis) {
      return Instant.ofEpochMilli(millis);
    }
    if (doc.endsWith(":Date") && value instanceof Integer days) {
      return LocalDate.ofEpochDay(days);
    }
    return plain(value);
  }

  private static Object plain(Object value) {
    return switch (value) {
      case CharSequence text -> text.toString();
      case ByteBuffer buffer -> {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        yield bytes;
      }
      case GenericRecord record -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
          fields.put(f.name(), plain(f, record.get(f.pos())));
        }
        yield fields;
      }
      case Collection<?> items -> {
        List<Object> list = new ArrayList<>(items.size());
        items.forEach(item -> list.add(item == null ? null : plain(item)));
        yield list;
      }
      case Map<?, ?> map -> {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k.toString(), v == null ? null : plain(v)));
        yield copy;
      }
      case org.apache.avro.generic.GenericEnumSymbol<?> symbol -> symbol.toString();
      default -> value;
    };
  }
}
