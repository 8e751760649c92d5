package com.caskr.sync.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.events.CustomerChanged;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.json.EventJson;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The schemas must reject what the records reject, or they document nothing. */
class SchemaTest {

  private static ObjectNode golden(String event, String name) {
    return GoldenSamples.all().stream()
        .filter(sample -> sample.event().equals(event) && sample.name().equals(name))
        .map(sample -> (ObjectNode) EventJson.mapper().readTree(sample.json()))
        .findFirst()
        .orElseThrow();
  }

  private static void assertRejected(
      Class<?> type, String event, String name, Consumer<ObjectNode> mutation, String error) {
    ObjectNode json = golden(event, name);
    assertThat(Schemas.errors(Schemas.forEvent(type, 1), json.toString()))
        .as("before mutation")
        .isEmpty();
    mutation.accept(json);
    assertThat(Schemas.errors(Schemas.forEvent(type, 1), json.toString()))
        .as("after mutation")
        .anySatisfy(message -> assertThat(message).contains(error));
  }

  private static void assertRejectedAccountChange(Consumer<ObjectNode> mutation, String error) {
    assertRejected(
        SalesforceRecordChanged.class,
        "salesforce-record-changed",
        "account-update-pubsub-cdc",
        mutation,
        error);
  }

  @Test
  void rejectsAMissingRequiredField() {
    assertRejectedAccountChange(json -> json.remove("traceId"), "traceId");
  }

  @Test
  void rejectsARecordIdOfAnotherObject() {
    assertRejectedAccountChange(json -> json.put("recordId", "0035e00000Dv2LmAAJ"), "recordId");
  }

  @Test
  void rejectsAFifteenCharacterIdOnTheWire() {
    assertRejectedAccountChange(json -> json.put("recordId", "0015e00000Kx7Qz"), "recordId");
  }

  @Test
  void rejectsLineItemsOnAnAccount() {
    assertRejectedAccountChange(json -> json.putArray("lineItems"), "lineItems");
  }

  @Test
  void rejectsAnOpportunityWithoutLineItems() {
    assertRejected(
        SalesforceRecordChanged.class,
        "salesforce-record-changed",
        "opportunity-closed-won-pubsub-cdc",
        json -> json.remove("lineItems"),
        "lineItems");
  }

  @Test
  void rejectsAnUnmarkedEcho() {
    assertRejected(
        SalesforceRecordChanged.class,
        "salesforce-record-changed",
        "account-echo-of-writeback-pubsub-cdc",
        json -> json.put("echo", false),
        "echo");
  }

  @Test
  void rejectsTimestampsThatAreNotIso8601() {
    assertRejectedAccountChange(json -> json.put("occurredAt", "14/03/2026 15:09"), "occurredAt");
  }

  @Test
  void rejectsAnOrgIdThatIsNotAnOrganizationThroughTheSharedDefinitions() {
    assertRejectedAccountChange(
        json -> ((ObjectNode) json.get("tenant")).put("orgId", "0015e00000Kx7QzAAJ"), "orgId");
  }

  @Test
  void rejectsAnUnknownEnumValue() {
    assertRejectedAccountChange(json -> json.put("source", "CARRIER_PIGEON"), "source");
  }

  @Test
  void rejectsABeforeImageOnInsert() {
    assertRejected(
        CustomerChanged.class,
        "customer-changed",
        "insert-by-caskr-app-without-org",
        json -> json.putObject("before").put("name", "x"),
        "before");
  }

  @Test
  void rejectsAnUnknownCommandType() {
    assertRejected(
        SyncCommandIssued.class,
        "sync-command-issued",
        "reconcile-contacts",
        json -> ((ObjectNode) json.get("command")).put("type", "FORMAT_DISK"),
        "command");
  }
}
