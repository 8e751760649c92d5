package com.caskr.sync.e2e;

import static com.caskr.sync.e2e.SyncStack.COMPANY;
import static com.caskr.sync.e2e.SyncStack.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * No ping-pong (issue #7, ARCHITECTURE.md §5.5) across the real processes: a write on one side
 * reaches the other exactly once and is not sent back. Writes are counted on both sides over a
 * quiet period: Salesforce's as the CDC events of the Account that reached Kafka (every committed
 * change of a record is one) and its SystemModstamp, Caskr's as the trigger log's captured edits
 * and the customer row's version (xmin).
 */
class NoPingPongIntegrationTest {

  /** How long nothing may happen once a change has been answered (or not) by the other side. */
  private static final Duration QUIET = Duration.ofSeconds(10);

  private static SyncStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = SyncStack.start("no-ping-pong");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aCaskrEditReachesSalesforceOnceAndItsEchoChangesNothing() throws Exception {
    String account =
        stack.salesforce().createAccount(Map.of("Name", "Echo Bay Spirits", "Phone", "555-0100"));
    long customer = customerOf(account);

    stack.update("update caskr.customers set phone = '555-0142' where id = ?", customer);
    Object versionAfterEdit = xmin(customer);

    await("writeback-service pushed the edit to the Account")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> stack.salesforce().account(account).path("Phone").asString(""),
            "555-0142"::equals);
    await("the CDC echo came back through ingest-service, flagged")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> stack.changesOf(account).stream().anyMatch(e -> e.path("echo").asBoolean()));
    await("mapping-service skipped the echo")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> skippedEchoes(account) >= 1);
    String modstamp = stack.salesforce().account(account).path("SystemModstamp").asString();

    await("quiet: no further write on either side")
        .during(QUIET)
        .atMost(QUIET.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(stack.salesforce().account(account).path("SystemModstamp").asString())
                  .isEqualTo(modstamp);
              assertThat(xmin(customer)).isEqualTo(versionAfterEdit);
            });

    List<JsonNode> changes = cdcEvents(stack.changesOf(account));
    assertThat(changes)
        .as("Salesforce's writes to the Account: the create and writeback's one update")
        .extracting(e -> e.path("changeType").asString() + " echo=" + e.path("echo").asBoolean())
        .containsExactly("UPSERT echo=false", "UPSERT echo=true");
    assertThat(capturedEdits(customer))
        .as("Caskr-side edits captured: the one SQL update")
        .isEqualTo(1);
    assertThat(skippedEchoes(account)).isEqualTo(1);
    assertThat(stack.value("select phone from caskr.customers where id = ?", customer))
        .isEqualTo("555-0142");
  }

  @Test
  void aSalesforceEditReachesCaskrOnceAndIsNotPushedBack() throws Exception {
    String account =
        stack
            .salesforce()
            .createAccount(Map.of("Name", "Harbour Light Distillery", "Phone", "555-0100"));
    long customer = customerOf(account);
    long capturedBefore = capturedEdits(customer);

    stack.salesforce().updateAccount(account, Map.of("Phone", "555-0177"));
    await("mapping-service applied the Salesforce edit")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> stack.value("select phone from caskr.customers where id = ?", customer),
            "555-0177"::equals);
    Object versionAfterApply = xmin(customer);
    String modstamp = stack.salesforce().account(account).path("SystemModstamp").asString();

    await("quiet: no further write on either side")
        .during(QUIET)
        .atMost(QUIET.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(stack.salesforce().account(account).path("SystemModstamp").asString())
                  .isEqualTo(modstamp);
              assertThat(xmin(customer)).isEqualTo(versionAfterApply);
            });

    assertThat(cdcEvents(stack.changesOf(account)))
        .as("Salesforce's writes to the Account: the create and the user's edit, none by writeback")
        .extracting(e -> e.path("changeType").asString() + " echo=" + e.path("echo").asBoolean())
        .containsExactly("UPSERT echo=false", "UPSERT echo=false");
    assertThat(capturedEdits(customer))
        .as("mapping-service's write is tagged, so the trigger log has nothing to send back")
        .isEqualTo(capturedBefore)
        .isZero();
  }

  /** The customer mapping-service made for a new Account. */
  private static long customerOf(String account) {
    Object id =
        await("mapping-service created the customer for " + account)
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    stack.value(
                        "select caskr_id from mapping.crm_entity_mappings"
                            + " where company_id = ? and salesforce_object = 'Account'"
                            + " and left(salesforce_id, 15) = left(?, 15)",
                        COMPANY,
                        account),
                Objects::nonNull);
    return ((Number) id).longValue();
  }

  private static Object xmin(long customer) throws Exception {
    return stack.value("select xmin::text from caskr.customers where id = ?", customer);
  }

  private static long capturedEdits(long customer) throws Exception {
    return ((Number)
            stack.value(
                "select count(*) from writeback.trigger_log where entity = 'customer'"
                    + " and caskr_id = ?",
                customer))
        .longValue();
  }

  private static long skippedEchoes(String account) throws Exception {
    return ((Number)
            stack.value(
                "select count(*) from mapping.crm_sync_logs where direction = 'INBOUND'"
                    + " and status = 'SKIPPED' and error_code = 'ECHO'"
                    + " and left(salesforce_id, 15) = left(?, 15)",
                account))
        .longValue();
  }

  /**
   * The Account's CDC events, one per event id (a redelivered duplicate is the same write): every
   * committed change of the record is one. Polls and reconciliation report changes again under
   * other sources and are left out.
   */
  private static List<JsonNode> cdcEvents(List<JsonNode> envelopes) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    envelopes.stream()
        .filter(e -> e.path("source").asString("").equals("PUBSUB_CDC"))
        .forEach(e -> byId.putIfAbsent(e.path("eventId").asString(), e));
    return List.copyOf(byId.values());
  }
}
