package com.caskr.sync.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.caskr.sync.schema.GoldenSamples.Sample;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every golden sample ever published must still parse with today's code, validate against its
 * schema, and survive a round trip. Never edit or delete a sample; add new ones.
 */
class EventCompatibilityTest {

  private static final JsonMapper JSON = EventJson.mapper();

  static List<Sample> samples() {
    return GoldenSamples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void parsesValidatesAndRoundTripsGoldenSample(Sample sample) {
    Class<? extends SyncEvent> type = sample.type();
    var schema = Schemas.forEvent(type, sample.version());
    String golden = sample.json();

    assertThat(Schemas.errors(schema, golden)).as("sample against its schema").isEmpty();
    SyncEvent parsed = JSON.readValue(golden, type);

    String written = JSON.writeValueAsString(parsed);
    assertThat(Schemas.errors(schema, written)).as("re-serialised sample").isEmpty();
    assertThat(JSON.readValue(written, type)).isEqualTo(parsed);
    assertSameValuesWhereSampleHasThem(JSON.readTree(golden), JSON.readTree(written), "$");
    assertThat(JSON.readTree(written).propertyNames())
        .as("written properties are the record components, nothing derived (kafkaKey, entity)")
        .containsExactly(
            Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toArray(String[]::new));

    assertThat(parsed.schemaVersion()).isGreaterThanOrEqualTo(sample.version());
    Topic topic = TopicCatalogue.topicFor(parsed);
    assertThat(topic.valueType()).isEqualTo(type);
    assertThat(parsed.kafkaKey()).matches(keyPattern(topic.keyFormat()));
  }

  /** {@code <orgId18>/<recordId18>} becomes a regex; {@code <companyId>} must be a number. */
  private static String keyPattern(String keyFormat) {
    return keyFormat
        .replaceAll("<[a-zA-Z]+18>", "[0-9A-Za-z]{18}")
        .replace("<conflictId>", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .replaceAll("<[a-zA-Z]+Id>", "[1-9][0-9]*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void toleratesUnknownFieldsAddedByNewerProducers(Sample sample) {
    Class<? extends SyncEvent> type = sample.type();
    SyncEvent plain = JSON.readValue(sample.json(), type);

    ObjectNode extended = (ObjectNode) JSON.readTree(sample.json());
    addUnknownFields(extended);
    for (String nested : List.of("tenant", "customer", "order", "portalUser", "command")) {
      if (extended.get(nested) instanceof ObjectNode object) {
        addUnknownFields(object);
      }
    }
    if (extended.get("order") instanceof ObjectNode order && order.get("lines").size() > 0) {
      addUnknownFields((ObjectNode) order.get("lines").get(0));
    }

    assertThat(JSON.treeToValue(extended, type)).isEqualTo(plain);
    assertThat(Schemas.errors(Schemas.forEvent(type, sample.version()), extended.toString()))
        .as("schemas allow extra properties")
        .isEmpty();
  }

  private static void addUnknownFields(ObjectNode node) {
    node.put("addedInSomeLaterRevision", "2027 feature");
    node.putObject("nestedAddition").putArray("items").add(1).add("two");
  }

  /**
   * A misspelt property in a sample would be dropped silently (unknown properties are tolerated),
   * so check the sample's every value survived the parse. Output may have more (nulls, additions).
   */
  private static void assertSameValuesWhereSampleHasThem(JsonNode sample, JsonNode out, String at) {
    if (sample.isObject()) {
      assertThat(out.isObject()).as(at + " is an object").isTrue();
      for (Map.Entry<String, JsonNode> property : sample.properties()) {
        JsonNode written = out.get(property.getKey());
        if (written == null) {
          fail("%s.%s is in the sample but not in the record: misspelt?", at, property.getKey());
        }
        assertSameValuesWhereSampleHasThem(
            property.getValue(), written, at + "." + property.getKey());
      }
    } else if (sample.isArray()) {
      assertThat(out.size()).as(at + " size").isEqualTo(sample.size());
      for (int i = 0; i < sample.size(); i++) {
        assertSameValuesWhereSampleHasThem(sample.get(i), out.get(i), at + "[" + i + "]");
      }
    } else if (sample.isNumber()) {
      assertThat(out.isNumber()).as(at + " is a number").isTrue();
      assertThat(out.decimalValue()).as(at).isEqualByComparingTo(sample.decimalValue());
    } else {
      assertThat(out).as(at).isEqualTo(sample);
    }
  }
}
