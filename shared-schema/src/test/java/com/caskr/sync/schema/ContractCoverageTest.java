package com.caskr.sync.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.GoldenSamples.Sample;
import com.caskr.sync.schema.events.Customer;
import com.caskr.sync.schema.events.Order;
import com.caskr.sync.schema.events.OrderLine;
import com.caskr.sync.schema.events.PortalUser;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every event record has a schema, samples and a topic, and its schema describes the record. */
class ContractCoverageTest {

  static List<Class<? extends SyncEvent>> eventTypes() {
    return Contracts.eventTypes();
  }

  @Test
  void discoversEveryEventRecordThroughTheSealedHierarchy() {
    assertThat(eventTypes())
        .extracting(Class::getSimpleName)
        .containsExactlyInAnyOrder(
            "SalesforceRecordChanged",
            "CustomerSynced",
            "OrderSynced",
            "PortalUserSynced",
            "CustomerChanged",
            "OrderChanged",
            "PortalUserChanged",
            "ConflictDetected",
            "ConflictResolved",
            "SyncCommandIssued",
            "ConnectionChanged");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void everyEventHasASchemaASampleAndATopic(Class<? extends SyncEvent> type) {
    assertThat(ContractCoverageTest.class.getResource("/schemas/" + Schemas.fileName(type, 1)))
        .as("schema of " + type.getSimpleName())
        .isNotNull();
    assertThat(GoldenSamples.all())
        .as("golden samples of " + type.getSimpleName())
        .anyMatch(sample -> sample.type() == type && sample.version() == 1);
    assertThat(TopicCatalogue.all())
        .as("topics carrying " + type.getSimpleName())
        .anyMatch(topic -> topic.valueType() == type);
  }

  @Test
  void everySchemaFileBelongsToAnEventRecordAndEverySampleFolderToAnEvent() throws Exception {
    Set<String> expected = new TreeSet<>();
    eventTypes().forEach(type -> expected.add(Schemas.fileName(type, 1)));
    expected.add("common.v1.schema.json");
    assertThat(schemaFiles()).isEqualTo(expected);

    assertThat(GoldenSamples.all())
        .allSatisfy(sample -> assertThat(sample.type()).isNotNull())
        .hasSizeGreaterThanOrEqualTo(eventTypes().size());
  }

  @Test
  void everySchemaIsAValidDraft202012Schema() throws Exception {
    var metaSchema = Schemas.metaSchema();
    for (String file : schemaFiles()) {
      String text = Files.readString(schemaDirectory().resolve(file));
      assertThat(Schemas.errors(metaSchema, text)).as(file).isEmpty();
      JsonNode schema = EventJson.mapper().readTree(text);
      assertThat(schema.get("$schema").asString())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.get("$id").asString()).isEqualTo(Schemas.BASE_URI + file);
      assertThat(schema.has("additionalProperties"))
          .as(file + " stays open for additions")
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void schemaPropertiesAreExactlyTheRecordComponents(Class<? extends SyncEvent> type)
      throws IOException, URISyntaxException {
    JsonNode schema = schema(type);
    assertThat(schema.get("properties").propertyNames())
        .as(type.getSimpleName())
        .containsExactlyInAnyOrderElementsOf(componentNames(type));
    assertThat(names(schema.get("required"))).isSubsetOf(componentNames(type));
  }

  @Test
  void nestedSchemaDefinitionsMatchTheirRecords() throws Exception {
    Map<String, Class<?>> defs =
        Map.of(
            "customer-synced#customer", Customer.class,
            "order-synced#order", Order.class,
            "order-synced#orderLine", OrderLine.class,
            "portal-user-synced#portalUser", PortalUser.class,
            "sync-command-issued#syncNow", SyncCommand.SyncNow.class,
            "sync-command-issued#resyncRecord", SyncCommand.ResyncRecord.class,
            "sync-command-issued#reconcile", SyncCommand.Reconcile.class,
            "sync-command-issued#redriveDeadLetters", SyncCommand.RedriveDeadLetters.class);
    for (var def : defs.entrySet()) {
      String[] parts = def.getKey().split("#");
      JsonNode node =
          EventJson.mapper()
              .readTree(schemaDirectory().resolve(parts[0] + ".v1.schema.json").toFile())
              .get("$defs")
              .get(parts[1]);
      Set<String> expected = new HashSet<>(componentNames(def.getValue()));
      if (SyncCommand.class.isAssignableFrom(def.getValue())) {
        expected.add("type");
      }
      assertThat(node.get("properties").propertyNames())
          .as(def.getKey())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void noEventCarriesCredentials() {
    Set<Class<?>> seen = new HashSet<>();
    eventTypes().forEach(type -> assertNoCredentialComponents(type, seen));
    assertThat(seen).contains(Customer.class, Order.class, OrderLine.class, PortalUser.class);
  }

  @Test
  void everyCatalogueTopicCarriesAnEventRecord() {
    assertThat(TopicCatalogue.all())
        .extracting(Topic::valueType)
        .allSatisfy(type -> assertThat(eventTypes()).contains(type));
  }

  @Test
  void everySampleFolderHasAtLeastOneSampleOfEachChangeShape() {
    // Each of these shapes must stay parseable forever, so each needs a sample.
    List<String> names = GoldenSamples.all().stream().map(Sample::toString).toList();
    assertThat(names)
        .anyMatch(name -> name.contains("opportunity-closed-won"))
        .anyMatch(name -> name.contains("echo"))
        .anyMatch(name -> name.contains("delete"))
        .anyMatch(name -> name.contains("without-org"));
  }

  private static void assertNoCredentialComponents(Class<?> type, Set<Class<?>> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        assertThat(component.getName().toLowerCase())
            .as(type.getSimpleName() + "." + component.getName())
            .doesNotContain("token", "secret", "password", "credential");
        assertNoCredentialComponents(component.getType(), seen);
        if (component.getGenericType() instanceof java.lang.reflect.ParameterizedType generic) {
          for (var argument : generic.getActualTypeArguments()) {
            if (argument instanceof Class<?> argumentType) {
              assertNoCredentialComponents(argumentType, seen);
            }
          }
        }
      }
    } else if (type.isSealed()) {
      Arrays.stream(type.getPermittedSubclasses())
          .forEach(sub -> assertNoCredentialComponents(sub, seen));
    }
  }

  private static List<String> componentNames(Class<?> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  private static List<String> names(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }

  private static JsonNode schema(Class<?> type) throws IOException, URISyntaxException {
    return EventJson.mapper()
        .readTree(schemaDirectory().resolve(Schemas.fileName(type, 1)).toFile());
  }

  private static Set<String> schemaFiles() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(schemaDirectory())) {
      return files
          .map(file -> file.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Path schemaDirectory() throws URISyntaxException {
    return Path.of(ContractCoverageTest.class.getResource("/schemas").toURI());
  }
}
