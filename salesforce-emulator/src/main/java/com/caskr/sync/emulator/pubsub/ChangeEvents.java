package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.ChangeType;
import com.caskr.sync.emulator.org.FieldType;
import com.caskr.sync.emulator.pubsub.ChangeEventSchema.Slot;
import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Turns committed change records into Pub/Sub change events: an Avro binary payload whose header
 * comes from the record and whose body carries, per §4.3, every value on CREATE/UNDELETE, only the
 * changed values on UPDATE (the rest null) and nothing on DELETE and gap events.
 *
 * <p>changedFields/nulledFields are bitmaps over the schema's top-level fields: bit i (LSB 0) of a
 * big-endian hex number "0x…" marks field i; a change inside a compound field at position P is
 * "P-0xHH" over the compound's sub-fields (and does not set bit P).
 */
final class ChangeEvents {

  private ChangeEvents() {}

  static ProducerEvent encode(ChangeEventSchema schema, ChangeRecord change) {
    Schema avro = schema.schema().avro();
    // Event ids need to be unique, not unpredictable: SecureRandom would be the encoder's hot spot.
    var random = ThreadLocalRandom.current();
    GenericRecord event = new GenericData.Record(avro);
    event.put(0, header(schema, change));
    boolean withValues =
        change.changeType() == ChangeType.CREATE
            || change.changeType() == ChangeType.UNDELETE
            || change.changeType() == ChangeType.UPDATE;
    if (withValues) {
      for (Map.Entry<String, Object> value : change.values().entrySet()) {
        Slot slot = schema.slot(value.getKey());
        if (slot == null || value.getValue() == null) {
          continue;
        }
        Object avroValue = avro(schema.type(value.getKey()), value.getValue());
        if (slot.sub() < 0) {
          event.put(slot.top(), avroValue);
        } else {
          GenericRecord nested = (GenericRecord) event.get(slot.top());
          if (nested == null) {
            nested = new GenericData.Record(compoundSchema(avro, slot.top()));
            event.put(slot.top(), nested);
          }
          nested.put(slot.sub(), avroValue);
        }
      }
    }
    return ProducerEvent.newBuilder()
        .setId(new UUID(random.nextLong(), random.nextLong()).toString())
        .setSchemaId(schema.schema().id())
        .setPayload(ByteString.copyFrom(binary(schema.writer(), event)))
        .build();
  }

  /** The bitmap list of fields: "0x…" for top-level fields, then "P-0x…" per compound. */
  static List<String> bitmaps(ChangeEventSchema schema, List<String> fields) {
    BigInteger top = BigInteger.ZERO;
    var compounds = new TreeMap<Integer, BigInteger>();
    for (String field : fields) {
      Slot slot = schema.slot(field);
      if (slot == null) {
        continue;
      }
      if (slot.sub() < 0) {
        top = top.setBit(slot.top());
      } else {
        compounds.merge(slot.top(), BigInteger.ZERO.setBit(slot.sub()), BigInteger::or);
      }
    }
    var bitmaps = new ArrayList<String>();
    if (top.signum() != 0) {
      bitmaps.add(hex(top));
    }
    compounds.forEach((position, bits) -> bitmaps.add(position + "-" + hex(bits)));
    return bitmaps;
  }

  private static String hex(BigInteger bits) {
    String digits = bits.toString(16).toUpperCase(java.util.Locale.ROOT);
    return "0x" + (digits.length() % 2 == 0 ? digits : "0" + digits);
  }

  private static GenericRecord header(ChangeEventSchema schema, ChangeRecord change) {
    Schema header = ChangeEventSchema.HEADER;
    GenericRecord h = new GenericData.Record(header);
    h.put("entityName", change.entityName());
    h.put("recordIds", change.recordIds());
    h.put(
        "changeType",
        new GenericData.EnumSymbol(header.getField("changeType").schema(), change.changeType()));
    h.put("changeOrigin", change.changeOrigin());
    h.put("transactionKey", change.transactionKey());
    h.put("sequenceNumber", change.sequenceNumber());
    h.put("commitTimestamp", change.commitTimestamp().toEpochMilli());
    h.put("commitNumber", change.commitNumber());
    h.put("commitUser", change.commitUser());
    h.put("nulledFields", bitmaps(schema, change.nulledFields()));
    h.put("diffFields", List.of());
    h.put("changedFields", bitmaps(schema, change.changedFields()));
    return h;
  }

  private static Schema compoundSchema(Schema event, int position) {
    return event.getFields().get(position).schema().getTypes().get(1);
  }

  private static Object avro(FieldType type, Object value) {
    return switch (type) {
      case BOOLEAN -> value;
      case CURRENCY, PERCENT, DOUBLE -> ((Number) value).doubleValue();
      case INT -> ((Number) value).intValue();
      case DATE -> (int) ((LocalDate) value).toEpochDay();
      case DATETIME -> ((Instant) value).toEpochMilli();
      default -> value.toString();
    };
  }

  static byte[] binary(Schema schema, GenericRecord record) {
    return binary(new GenericDatumWriter<>(schema), record);
  }

  static byte[] binary(GenericDatumWriter<GenericRecord> writer, GenericRecord record) {
    var out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
