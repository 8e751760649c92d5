package com.caskr.sync.salesforce.pubsub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Change event schemas shaped like Salesforce's, and events encoded with them. */
final class CdcSchemas {

  static final Schema HEADER =
      SchemaBuilder.record("ChangeEventHeader")
          .namespace("com.sforce.eventbus")
          .fields()
          .requiredString("entityName")
          .name("recordIds")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("changeType")
          .type()
          .enumeration("ChangeType")
          .symbols(
              "CREATE",
              "UPDATE",
              "DELETE",
              "UNDELETE",
              "GAP_CREATE",
              "GAP_UPDATE",
              "GAP_DELETE",
              "GAP_UNDELETE",
              "GAP_OVERFLOW")
          .noDefault()
          .optionalString("changeOrigin")
          .requiredString("transactionKey")
          .requiredInt("sequenceNumber")
          .requiredLong("commitTimestamp")
          .requiredLong("commitNumber")
          .requiredString("commitUser")
          .name("nulledFields")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("diffFields")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("changedFields")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .endRecord();

  static final Schema ADDRESS =
      SchemaBuilder.record("Address")
          .namespace("com.sforce.eventbus")
          .fields()
          .optionalString("Street")
          .optionalString("City")
          .optionalString("State")
          .optionalString("PostalCode")
          .optionalString("Country")
          .endRecord();

  /**
   * 31 top-level fields: 0 header, 1 Name, 2 Industry, 3 Phone, 4 BillingAddress, 5..6 text, 7
   * ShippingAddress, 8 LastModifiedDate (DateTime), 9..30 text F9…F30.
   */
  static final Schema ACCOUNT = account();

  private static Schema account() {
    var fields =
        SchemaBuilder.record("AccountChangeEvent")
            .namespace("com.sforce.eventbus")
            .fields()
            .name("ChangeEventHeader")
            .type(HEADER)
            .noDefault()
            .optionalString("Name")
            .optionalString("Industry")
            .optionalString("Phone")
            .name("BillingAddress")
            .type()
            .optional()
            .type(ADDRESS)
            .optionalString("Website")
            .optionalString("Description")
            .name("ShippingAddress")
            .type()
            .optional()
            .type(ADDRESS)
            .name("LastModifiedDate")
            .doc("LastModifiedDate:DateTime")
            .type()
            .optional()
            .longType();
    for (int i = 9; i <= 30; i++) {
      fields = fields.optionalString("F" + i);
    }
    return fields.endRecord();
  }

  static GenericRecord header(
      String changeType,
      List<String> recordIds,
      String changeOrigin,
      List<String> changedFields,
      List<String> nulledFields) {
    var header = new GenericData.Record(HEADER);
    header.put("entityName", "Account");
    header.put("recordIds", recordIds);
    header.put(
        "changeType",
        new GenericData.EnumSymbol(HEADER.getField("changeType").schema(), changeType));
    header.put("changeOrigin", changeOrigin);
    header.put("transactionKey", "tx-1");
    header.put("sequenceNumber", 1);
    header.put("commitTimestamp", 1_772_442_000_000L);
    header.put("commitNumber", 42L);
    header.put("commitUser", "005000000000001AAA");
    header.put("nulledFields", nulledFields);
    header.put("diffFields", List.of());
    header.put("changedFields", changedFields);
    return header;
  }

  static GenericRecord address(Map<String, String> parts) {
    var address = new GenericData.Record(ADDRESS);
    parts.forEach(address::put);
    return address;
  }

  static byte[] encode(GenericRecord record) {
    var out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private CdcSchemas() {}
}
