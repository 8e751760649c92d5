package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.salesforce.pubsub.v1.ProducerEvent;
import com.caskr.sync.salesforce.pubsub.v1.PubSubGrpc;
import com.caskr.sync.salesforce.pubsub.v1.PublishRequest;
import com.caskr.sync.salesforce.pubsub.v1.PublishResponse;
import com.caskr.sync.salesforce.pubsub.v1.PublishResult;
import com.caskr.sync.salesforce.pubsub.v1.TopicRequest;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Publishes Caskr_Sync__e events as a client does: schema id from GetTopic, Avro binary. */
final class PlatformEvents {

  static final String TOPIC = "/event/Caskr_Sync__e";

  final String schemaId;
  final Schema schema;
  private final PubSubGrpc.PubSubBlockingStub stub;

  PlatformEvents(PubSubGrpc.PubSubBlockingStub stub) {
    this.stub = stub;
    this.schemaId =
        stub.getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build()).getSchemaId();
    this.schema = Avro.schema(stub, schemaId);
  }

  ProducerEvent event(String correlationKey, String recordId) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("CreatedDate", 1_772_442_000_000L);
    record.put("CreatedById", "005000000000001AAA");
    record.put("Record_Id__c", recordId);
    record.put("Entity__c", "Account");
    record.put("Action__c", "UPDATE");
    return ProducerEvent.newBuilder()
        .setId(correlationKey)
        .setSchemaId(schemaId)
        .setPayload(ByteString.copyFrom(Avro.encode(schema, record)))
        .build();
  }

  PublishResponse publish(List<ProducerEvent> events) {
    return stub.publish(
        PublishRequest.newBuilder().setTopicName(TOPIC).addAllEvents(events).build());
  }

  /** Publishes {@code count} events keyed "prefix-0".. and returns their replay ids in order. */
  List<ByteString> publish(String prefix, int count) {
    var ids = new ArrayList<ByteString>();
    for (int start = 0; start < count; start += 200) {
      var batch = new ArrayList<ProducerEvent>();
      for (int i = start; i < Math.min(count, start + 200); i++) {
        batch.add(event(prefix + "-" + i, "001000000000000AAA"));
      }
      for (PublishResult result : publish(batch).getResultsList()) {
        if (result.hasError()) {
          throw new AssertionError("Publish failed: " + result.getError().getMsg());
        }
        ids.add(result.getReplayId());
      }
    }
    return ids;
  }
}
