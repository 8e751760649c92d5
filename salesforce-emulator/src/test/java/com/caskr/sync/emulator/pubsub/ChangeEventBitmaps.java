package com.caskr.sync.emulator.pubsub;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Decodes changedFields/nulledFields as reference §4.3 describes (forcedotcom EventParser): "0x…"
 * is a big-endian bitmap over the event schema's top-level fields; "P-0x…" one over the sub-fields
 * of the compound field at position P, named "Parent.Sub" (just "Parent" when every bit is set).
 * Test scope only: the production decoder belongs to the salesforce-api client.
 */
final class ChangeEventBitmaps {

  private ChangeEventBitmaps() {}

  static Set<String> decode(Schema event, List<?> bitmaps) {
    var names = new LinkedHashSet<String>();
    for (Object element : bitmaps) {
      String bitmap = element.toString();
      if (bitmap.startsWith("0x")) {
        names.addAll(names(event.getFields(), new BigInteger(bitmap.substring(2), 16), ""));
      } else {
        int dash = bitmap.indexOf('-');
        Schema.Field parent = event.getFields().get(Integer.parseInt(bitmap.substring(0, dash)));
        Schema compound =
            parent.schema().getTypes().stream()
                .filter(s -> s.getType() == Schema.Type.RECORD)
                .findFirst()
                .orElseThrow();
        BigInteger bits = new BigInteger(bitmap.substring(dash + 3), 16);
        List<String> subs = names(compound.getFields(), bits, parent.name() + ".");
        if (subs.size() == compound.getFields().size()) {
          names.add(parent.name());
        } else {
          names.addAll(subs);
        }
      }
    }
    return names;
  }

  private static List<String> names(List<Schema.Field> fields, BigInteger bits, String prefix) {
    var names = new ArrayList<String>();
    for (int i = 0; i < bits.bitLength(); i++) {
      if (bits.testBit(i)) {
        names.add(prefix + fields.get(i).name());
      }
    }
    return names;
  }
}
