package com.caskr.sync.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.GoldenSamples;
import com.caskr.sync.schema.GoldenSamples.Sample;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerdeTest {

  private final EventSerializer serializer = new EventSerializer();
  private final EventDeserializer deserializer = new EventDeserializer();

  static List<Sample> samples() {
    return GoldenSamples.all();
  }

  private static SyncEvent read(Sample sample) {
    return EventJson.mapper().readValue(sample.json(), sample.type());
  }

  private static SyncEvent sample(String event, String name) {
    return GoldenSamples.all().stream()
        .filter(sample -> sample.event().equals(event) && sample.name().equals(name))
        .map(EventSerdeTest::read)
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void roundTripsEveryEventThroughItsTopicAndItsDeadLetterTopic(Sample sample) {
    SyncEvent event = read(sample);
    Topic topic = TopicCatalogue.topicFor(event);

    byte[] bytes = serializer.serialize(topic.name(), event);
    assertThat(deserializer.deserialize(topic.name(), bytes)).isEqualTo(event);

    String dlq = topic.deadLetter().name();
    assertThat(deserializer.deserialize(dlq, serializer.serialize(dlq, event))).isEqualTo(event);
  }

  @Test
  void samplesCoverEveryTopic() {
    Set<String> covered = new HashSet<>();
    GoldenSamples.all()
        .forEach(sample -> covered.add(TopicCatalogue.topicFor(read(sample)).name()));

    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(
            TopicCatalogue.all().stream().map(Topic::name).toList());
  }

  @Test
  void writesIsoInstantsPlainIdsAndApiNames() {
    var event = sample("salesforce-record-changed", "opportunity-closed-won-pubsub-cdc");

    String json =
        new String(
            serializer.serialize("salesforce.opportunity.changed.v1", event),
            StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"occurredAt\":\"2026-03-18T16:30:12Z\"")
        .contains("\"recordId\":\"0065e00000GhT8xAAF\"")
        .contains("\"entity\":\"Opportunity\"")
        .contains("\"Amount\":18450.00")
        .doesNotContain("kafkaKey");
  }

  @Test
  void refusesToPublishAnEventOnAnotherEntitysTopic() {
    var account = sample("salesforce-record-changed", "account-update-pubsub-cdc");

    assertThatThrownBy(() -> serializer.serialize("salesforce.contact.changed.v1", account))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(
            "belongs on topic 'salesforce.account.changed.v1', not 'salesforce.contact.changed.v1'");
  }

  @Test
  void refusesToReadAnEventFromAnotherEntitysTopic() {
    var account = sample("salesforce-record-changed", "account-update-pubsub-cdc");
    byte[] bytes = serializer.serialize("salesforce.account.changed.v1", account);

    assertThatThrownBy(() -> deserializer.deserialize("salesforce.contact.changed.v1.dlq", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("belongs on 'salesforce.account.changed.v1'");
  }

  @Test
  void unknownTopicIsASerializationErrorNamingTheTopic() {
    var account = sample("salesforce-record-changed", "account-update-pubsub-cdc");

    assertThatThrownBy(
            () -> deserializer.deserialize("salesforce.lead.changed.v1", "{}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown topic 'salesforce.lead.changed.v1'");
    assertThatThrownBy(() -> serializer.serialize("salesforce.lead.changed.v1", account))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown topic 'salesforce.lead.changed.v1'");
  }

  @Test
  void checksEverySendAndReadAgainAfterTheTopicIsKnown() {
    var account = sample("salesforce-record-changed", "account-update-pubsub-cdc");
    var contact = sample("salesforce-record-changed", "contact-cask-investor-webhook");
    byte[] accountBytes = serializer.serialize("salesforce.account.changed.v1", account);
    serializer.serialize("salesforce.contact.changed.v1", contact);
    deserializer.deserialize(
        "salesforce.contact.changed.v1",
        serializer.serialize("salesforce.contact.changed.v1", contact));

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> serializer.serialize("salesforce.contact.changed.v1", account))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("belongs on topic 'salesforce.account.changed.v1'");
      assertThatThrownBy(
              () -> deserializer.deserialize("salesforce.contact.changed.v1", accountBytes))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("belongs on 'salesforce.account.changed.v1'");
      assertThatThrownBy(() -> serializer.serialize("salesforce.lead.changed.v1", account))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Unknown topic 'salesforce.lead.changed.v1'");
      assertThatThrownBy(() -> deserializer.deserialize(null, accountBytes))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("unknown topic 'null'");
      assertThatThrownBy(() -> serializer.serialize(null, account))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Unknown topic 'null'");
    }
  }

  @Test
  void garbageBytesNameTheTopicAndTheProblemButNotThePayload() {
    byte[] garbage =
        "{\"fields\":{\"Name\":\"Marguerite Okafor, 12 Secret Lane\"}, oops"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer.deserialize("salesforce.contact.changed.v1", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith(
            "Cannot deserialise SalesforceRecordChanged from topic 'salesforce.contact.changed.v1' ("
                + garbage.length
                + " bytes): ")
        .hasMessageContaining("line 1")
        .hasNoCause()
        .message()
        .doesNotContain("Secret Lane");
  }

  @Test
  void binaryGarbageIsASerializationError() {
    byte[] garbage = {(byte) 0xCA, (byte) 0xFE, 0x00, 0x01, (byte) 0xFF};

    assertThatThrownBy(() -> deserializer.deserialize("caskr.order.synced.v1", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("OrderSynced from topic 'caskr.order.synced.v1'");
  }

  @Test
  void anInvalidEventNamesTheOffendingField() {
    String invalid =
        EventJson.mapper()
            .writeValueAsString(sample("salesforce-record-changed", "account-update-pubsub-cdc"))
            .replace("0015e00000Kx7QzAAJ", "0015e00000Kx7QzAAA");

    assertThatThrownBy(
            () -> deserializer.deserialize("salesforce.account.changed.v1", invalid.getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic 'salesforce.account.changed.v1'")
        .hasMessageContaining("checksum suffix AAA does not match");
  }

  @Test
  void jsonNullAndTombstonesAreHandled() {
    assertThat(serializer.serialize("sync.command.v1", null)).isNull();
    assertThat(deserializer.deserialize("sync.command.v1", null)).isNull();
    assertThatThrownBy(() -> deserializer.deserialize("sync.command.v1", "null".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("JSON null");
  }

  @Test
  void toleratesUnknownFieldsOnRead() {
    var event = sample("connection-changed", "connected-first-time");
    String json =
        EventJson.mapper()
            .writeValueAsString(event)
            .replaceFirst("\\{", "{\"introducedInV1_3\":{\"anything\":[1,2,3]},");

    assertThat(deserializer.deserialize("auth.connection.changed.v1", json.getBytes()))
        .isEqualTo(event);
  }

  @Test
  void canBeCreatedByClassNameAsSpringKafkaDoes() throws Exception {
    Object serializer =
        Class.forName("com.caskr.sync.schema.kafka.EventSerializer")
            .getDeclaredConstructor()
            .newInstance();
    Object deserializer =
        Class.forName("com.caskr.sync.schema.kafka.EventDeserializer")
            .getDeclaredConstructor()
            .newInstance();

    assertThat(serializer).isInstanceOf(Serializer.class);
    assertThat(deserializer).isInstanceOf(Deserializer.class);
  }
}
