package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.SchemaRequest;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/** Decodes event payloads the way a subscriber does: writer schema from GetSchema. */
final class Avro {

  private Avro() {}

  static Schema schema(PubSubGrpc.PubSubBlockingStub stub, String schemaId) {
    String json =
        stub.getSchema(SchemaRequest.newBuilder().setSchemaId(schemaId).build()).getSchemaJson();
    return new Schema.Parser().parse(json);
  }

  static GenericRecord decode(Schema schema, ByteString payload) {
    try {
      return new GenericDatumReader<GenericRecord>(schema)
          .read(null, DecoderFactory.get().binaryDecoder(payload.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] encode(Schema schema, GenericRecord record) {
    return ChangeEvents.binary(schema, record);
  }
}
