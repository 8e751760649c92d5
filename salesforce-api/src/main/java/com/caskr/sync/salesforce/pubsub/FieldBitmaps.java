package com.caskr.sync.salesforce.pubsub;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Decodes the Pub/Sub form of {@code changedFields}, {@code nulledFields} and {@code diffFields}
 * into field names, against the writer schema of the event that carried them (§4.3):
 *
 * <ul>
 *   <li>{@code "0x…"}: a big-endian bitmap over the event's top-level fields in declared order; bit
 *       i set names {@code schema.getFields().get(i)}.
 *   <li>{@code "P-0x…"}: the same over the sub-fields of the compound field at top-level position
 *       P, giving {@code Parent.Child}; when every sub-field is set, just {@code Parent} (as
 *       Salesforce's reference parser reports it).
 * </ul>
 *
 * Plain names (the CometD form) pass through unchanged.
 */
final class FieldBitmaps {

  private FieldBitmaps() {}

  static List<String> fieldNames(List<String> elements, Schema eventSchema) {
    List<String> names = new ArrayList<>();
    for (String element : elements) {
      if (element.startsWith("0x")) {
        names.addAll(namesOf(eventSchema, element, ""));
      } else if (element.matches("\\d+-0x\\p{XDigit}+")) {
        names.addAll(nested(eventSchema, element));
      } else {
        names.add(element);
      }
    }
    return List.copyOf(names);
  }

  private static List<String> nested(Schema eventSchema, String element) {
    int dash = element.indexOf('-');
    int position = Integer.parseInt(element.substring(0, dash));
    List<Schema.Field> fields = eventSchema.getFields();
    if (position >= fields.size()) {
      throw new IllegalArgumentException(
          "bitmap element '%s' names field %d but %s has %d fields"
              .formatted(element, position, eventSchema.getFullName(), fields.size()));
    }
    Schema.Field parent = fields.get(position);
    Schema compound = AvroValues.recordBranch(parent.schema());
    if (compound == null) {
      throw new IllegalArgumentException(
          "bitmap element '%s' names field %s, which is not a compound field"
              .formatted(element, parent.name()));
    }
    List<String> children = namesOf(compound, element.substring(dash + 1), parent.name() + ".");
    return children.size() == compound.getFields().size() ? List.of(parent.name()) : children;
  }

  private static List<String> namesOf(Schema record, String hexBitmap, String prefix) {
    BigInteger bits;
    try {
      bits = new BigInteger(hexBitmap.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bitmap '%s' is not hexadecimal".formatted(hexBitmap), e);
    }
    List<Schema.Field> fields = record.getFields();
    if (bits.bitLength() > fields.size()) {
      throw new IllegalArgumentException(
          "bitmap '%s' sets bit %d but %s has %d fields"
              .formatted(hexBitmap, bits.bitLength() - 1, record.getFullName(), fields.size()));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (bits.testBit(i)) {
        names.add(prefix + fields.get(i).name());
      }
    }
    return names;
  }
}
