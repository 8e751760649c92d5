package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.org.ChangeType;
import com.caskr.sync.emulator.org.Field;
import com.caskr.sync.emulator.org.FieldType;
import com.caskr.sync.emulator.org.SObjectType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro schema of one entity's change events, derived from the org's sObject metadata, and where
 * each sObject field sits in it (the positions the changedFields/nulledFields bitmaps use).
 *
 * <p>Record {@code <Entity>ChangeEvent} in namespace {@code com.sforce.eventbus}: field 0 is {@code
 * ChangeEventHeader}, then every CDC field in describe order as {@code ["null",T]} default null.
 * Left out, as Salesforce does: Id (it is in recordIds), IsDeleted, SystemModstamp and derived
 * fields. Addresses ({@code BillingAddress}) and a Contact's {@code Name} are nested records at the
 * compound field's position, their components (BillingCity, FirstName, …) not top-level fields.
 * Types: text/ids/picklists string, checkbox boolean, currency/percent/double double, int int,
 * datetime long epoch millis with doc {@code "Name:DateTime"}, date int days since 1970-01-01 with
 * doc {@code "Name:Date"} (the reference only says dates are "epoch"; days keep a date a date).
 */
final class ChangeEventSchema {

  static final String NAMESPACE = "com.sforce.eventbus";

  /** Where a field's value goes: top-level index, and sub-field index in a compound (or -1). */
  record Slot(int top, int sub) {}

  // Formula and derived fields: CDC leaves them out (reference §4.3).
  private static final Set<String> DERIVED =
      Set.of(
          "Opportunity.IsClosed",
          "Opportunity.IsWon",
          "Opportunity.ExpectedRevenue",
          "Opportunity.ForecastCategory",
          "Opportunity.HasOpportunityLineItem",
          "Opportunity.FiscalYear",
          "Opportunity.FiscalQuarter");
  private static final Set<String> SYSTEM = Set.of("Id", "IsDeleted", "SystemModstamp");
  private static final List<String> ADDRESS_PARTS =
      List.of(
          "Street",
          "City",
          "State",
          "PostalCode",
          "Country",
          "Latitude",
          "Longitude",
          "GeocodeAccuracy");
  private static final List<String> NAME_PARTS = List.of("Salutation", "FirstName", "LastName");

  static final Schema HEADER = header();

  private final String entity;
  private final EventSchema schema;
  private final Map<String, Slot> slots;
  private final Map<String, FieldType> types;
  // Thread-safe once built: it only reads the schema.
  private final GenericDatumWriter<GenericRecord> writer;

  private ChangeEventSchema(
      String entity, EventSchema schema, Map<String, Slot> slots, Map<String, FieldType> types) {
    this.entity = entity;
    this.schema = schema;
    this.slots = slots;
    this.types = types;
    this.writer = new GenericDatumWriter<>(schema.avro());
  }

  static ChangeEventSchema of(SObjectType type) {
    Map<String, Field> fields = type.fields();
    var compoundOf = new HashMap<String, String>();
    for (Field f : fields.values()) {
      if (f.type() == FieldType.ADDRESS) {
        String prefix = f.name().substring(0, f.name().length() - "Address".length());
        ADDRESS_PARTS.forEach(p -> compoundOf.put(prefix + p, f.name()));
      }
    }
    boolean personName =
        fields.containsKey("Name")
            && fields.containsKey("FirstName")
            && fields.containsKey("LastName")
            && !fields.get("Name").updateable();
    if (personName) {
      NAME_PARTS.stream().filter(fields::containsKey).forEach(p -> compoundOf.put(p, "Name"));
    }

    var avroFields = new ArrayList<Schema.Field>();
    var slots = new LinkedHashMap<String, Slot>();
    var types = new HashMap<String, FieldType>();
    avroFields.add(new Schema.Field("ChangeEventHeader", HEADER, null, (Object) null));
    Schema address = null;
    for (Field f : fields.values()) {
      if (SYSTEM.contains(f.name())
          || DERIVED.contains(type.name() + "." + f.name())
          || compoundOf.containsKey(f.name())) {
        continue;
      }
      int top = avroFields.size();
      if (f.type() == FieldType.ADDRESS || (personName && f.name().equals("Name"))) {
        List<Field> parts =
            fields.values().stream()
                .filter(p -> f.name().equals(compoundOf.get(p.name())))
                .toList();
        Schema nested;
        if (f.type() == FieldType.ADDRESS) {
          // One named type for every address of the entity, as Salesforce's schemas have.
          if (address == null) {
            address = compound("Address", parts, f.name().length() - "Address".length());
          }
          nested = address;
        } else {
          nested = compound("Switchable_PersonName", parts, 0);
        }
        avroFields.add(optional(f.name(), nested, null));
        for (int i = 0; i < parts.size(); i++) {
          slots.put(parts.get(i).name(), new Slot(top, i));
          types.put(parts.get(i).name(), parts.get(i).type());
        }
      } else {
        avroFields.add(optional(f.name(), scalar(f.type()), doc(f)));
        slots.put(f.name(), new Slot(top, -1));
        types.put(f.name(), f.type());
      }
    }
    Schema record =
        Schema.createRecord(type.name() + "ChangeEvent", null, NAMESPACE, false, avroFields);
    return new ChangeEventSchema(type.name(), EventSchema.of(record), slots, types);
  }

  String entity() {
    return entity;
  }

  EventSchema schema() {
    return schema;
  }

  GenericDatumWriter<GenericRecord> writer() {
    return writer;
  }

  /** The slot of an sObject field, or null when change events leave it out. */
  Slot slot(String field) {
    return slots.get(field);
  }

  FieldType type(String field) {
    return types.get(field);
  }

  private static Schema compound(String name, List<Field> parts, int prefixLength) {
    var nested = new ArrayList<Schema.Field>();
    for (Field p : parts) {
      nested.add(optional(p.name().substring(prefixLength), scalar(p.type()), doc(p)));
    }
    return Schema.createRecord(name, null, NAMESPACE, false, nested);
  }

  private static Schema.Field optional(String name, Schema type, String doc) {
    return new Schema.Field(
        name,
        Schema.createUnion(Schema.create(Schema.Type.NULL), type),
        doc,
        JsonProperties.NULL_VALUE);
  }

  private static String doc(Field f) {
    return switch (f.type()) {
      case DATETIME -> f.name() + ":DateTime";
      case DATE -> f.name() + ":Date";
      default -> null;
    };
  }

  static Schema scalar(FieldType type) {
    return switch (type) {
      case ID, REFERENCE, STRING, TEXTAREA, PICKLIST, EMAIL, PHONE, URL ->
          Schema.create(Schema.Type.STRING);
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case CURRENCY, PERCENT, DOUBLE -> Schema.create(Schema.Type.DOUBLE);
      case INT, DATE -> Schema.create(Schema.Type.INT);
      case DATETIME -> Schema.create(Schema.Type.LONG);
      case ADDRESS -> throw new IllegalArgumentException("A compound field has no scalar type");
    };
  }

  private static Schema header() {
    Schema strings = Schema.createArray(Schema.create(Schema.Type.STRING));
    Schema changeType =
        Schema.createEnum(
            "ChangeType",
            null,
            NAMESPACE,
            Arrays.stream(ChangeType.values()).map(Enum::name).toList());
    List<Schema.Field> fields =
        List.of(
            new Schema.Field("entityName", Schema.create(Schema.Type.STRING)),
            new Schema.Field("recordIds", strings),
            new Schema.Field("changeType", changeType),
            new Schema.Field("changeOrigin", Schema.create(Schema.Type.STRING)),
            new Schema.Field("transactionKey", Schema.create(Schema.Type.STRING)),
            new Schema.Field("sequenceNumber", Schema.create(Schema.Type.INT)),
            new Schema.Field(
                "commitTimestamp", Schema.create(Schema.Type.LONG), "CommitTimestamp:DateTime"),
            new Schema.Field("commitNumber", Schema.create(Schema.Type.LONG)),
            new Schema.Field("commitUser", Schema.create(Schema.Type.STRING)),
            new Schema.Field("nulledFields", strings),
            new Schema.Field("diffFields", strings),
            new Schema.Field("changedFields", strings));
    return Schema.createRecord("ChangeEventHeader", null, NAMESPACE, false, fields);
  }
}
