package com.caskr.sync.salesforce.pubsub.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireContractTest {

  @Test
  void namesTheServiceAndMessagesAsSalesforceDoes() {
    ServiceDescriptor service = PubSubProto.getDescriptor().findServiceByName("PubSub");
    assertThat(service.getFullName()).isEqualTo("eventbus.v1.PubSub");
    assertThat(service.getMethods())
        .extracting(m -> m.getName())
        .containsExactly(
            "Subscribe", "GetSchema", "GetTopic", "Publish", "PublishStream", "ManagedSubscribe");
    assertThat(FetchRequest.getDescriptor().getFullName()).isEqualTo("eventbus.v1.FetchRequest");
    assertThat(PubSubGrpc.getSubscribeMethod().getFullMethodName())
        .isEqualTo("eventbus.v1.PubSub/Subscribe");
  }

  @Test
  void fetchRequestAndResponseKeepTheirFieldNumbers() {
    assertThat(fields(FetchRequest.getDescriptor()))
        .containsExactly(
            Map.entry("topic_name", 1),
            Map.entry("replay_preset", 2),
            Map.entry("replay_id", 3),
            Map.entry("num_requested", 4),
            Map.entry("auth_refresh", 5));
    assertThat(fields(FetchResponse.getDescriptor()))
        .containsExactly(
            Map.entry("events", 1),
            Map.entry("latest_replay_id", 2),
            Map.entry("rpc_id", 3),
            Map.entry("pending_num_requested", 4));
  }

  @Test
  void topicPublishAndManagedMessagesKeepTheirFieldNumbers() {
    assertThat(fields(TopicInfo.getDescriptor()))
        .containsExactly(
            Map.entry("topic_name", 1),
            Map.entry("tenant_guid", 2),
            Map.entry("can_publish", 3),
            Map.entry("can_subscribe", 4),
            Map.entry("schema_id", 5),
            Map.entry("rpc_id", 6));
    assertThat(fields(PublishResult.getDescriptor()))
        .containsExactly(
            Map.entry("replay_id", 1), Map.entry("error", 2), Map.entry("correlation_key", 3));
    assertThat(fields(ProducerEvent.getDescriptor()))
        .containsExactly(
            Map.entry("id", 1),
            Map.entry("schema_id", 2),
            Map.entry("payload", 3),
            Map.entry("headers", 4));
    assertThat(fields(ManagedFetchRequest.getDescriptor()))
        .containsEntry("commit_replay_id_request", 5);
  }

  @Test
  void enumsKeepTheirNumbers() {
    assertThat(ReplayPreset.LATEST.getNumber()).isZero();
    assertThat(ReplayPreset.EARLIEST.getNumber()).isEqualTo(1);
    assertThat(ReplayPreset.CUSTOM.getNumber()).isEqualTo(2);
    assertThat(ErrorCode.PUBLISH.getNumber()).isEqualTo(1);
    assertThat(ErrorCode.COMMIT.getNumber()).isEqualTo(2);
  }

  private static Map<String, Integer> fields(Descriptor descriptor) {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    for (FieldDescriptor field : descriptor.getFields()) {
      numbers.put(field.getName(), field.getNumber());
    }
    return numbers;
  }
}
