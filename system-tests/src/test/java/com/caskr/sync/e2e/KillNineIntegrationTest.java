package com.caskr.sync.e2e;

import static com.caskr.sync.e2e.SyncStack.COMPANY;
import static com.caskr.sync.e2e.SyncStack.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of a service in the middle of its work, then a restart of that service alone
 * (issues #5 and #7, ARCHITECTURE.md §5.1–§5.2): nothing is lost, nothing is duplicated in
 * Salesforce, and what is delivered twice carries the same event id.
 */
class KillNineIntegrationTest {

  private static final Duration LONG = Duration.ofMinutes(6);

  /** Events the emulator's Pub/Sub API delivers twice in the ingest test. */
  private static final int DUPLICATED = 20;

  private static SyncStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = SyncStack.start("kill-nine");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void writebackKilledMidBatchLosesNoEditAndDuplicatesNoAccount() throws Exception {
    int linked = 1_950;
    int added = 50;
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (int i = 0; i < linked; i++) {
      accounts.add(Map.of("Name", "Batch Cask " + i, "Phone", "555-1000"));
    }
    List<String> ids = stack.salesforce().createAccounts(accounts);
    await("mapping-service linked every new Account to a customer")
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                count(
                    "select count(*) from caskr.customers where name like 'Batch Cask %'"
                        + " and salesforce_account_id is not null"),
            n -> n == linked);

    // Every Salesforce call now takes a second, so the push spans many seconds to kill it in.
    stack.emulatorAdmin("POST", "/faults/latency", Map.of("millis", 1000, "durationSeconds", 600));
    Instant editsStart = Instant.now();
    stack.update(
        "update caskr.customers set phone = '555-7' || lpad(id::text, 6, '0')"
            + " where name like 'Batch Cask %'");
    stack.update(
        "insert into caskr.customers (company_id, name, phone)"
            + " select ?, 'New Cask ' || n, '555-8' || lpad(n::text, 6, '0')"
            + " from generate_series(1, ?) as n",
        COMPANY,
        added);

    await("writeback-service's first composite call answered (an outbound sync-log row)")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> outboundRowsSince(editsStart), n -> n > 0);
    ProcessHandle killed = stack.processes().kill("writeback-service");
    long pushedBeforeKill = outboundRowsSince(editsStart);
    assertThat(killed.isAlive()).isFalse();
    assertThat(ProcessHandle.of(killed.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(pushedBeforeKill)
        .as("killed in the middle: some edits were pushed, not all")
        .isLessThan(linked + added);
    System.out.printf(
        "writeback kill -9: %d of %d edits written before the kill%n",
        pushedBeforeKill, linked + added);

    stack.emulatorAdmin("DELETE", "/faults", null);
    stack.processes().restart("writeback-service");

    Map<Long, String> expected = new HashMap<>();
    stack
        .rows(
            "select id, phone from caskr.customers where name like 'Batch Cask %'"
                + " or name like 'New Cask %'")
        .forEach(row -> expected.put(((Number) row.get(0)).longValue(), (String) row.get(1)));
    assertThat(expected).hasSize(linked + added);

    await("every edit reached Salesforce")
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<Long, String> phones = new HashMap<>();
              stack
                  .rows(
                      "select c.id, m.salesforce_id from caskr.customers c"
                          + " join mapping.crm_entity_mappings m on m.caskr_entity = 'customer'"
                          + " and m.caskr_id = c.id"
                          + " where c.name like 'Batch Cask %' or c.name like 'New Cask %'")
                  .forEach(row -> phones.put(((Number) row.get(0)).longValue(), null));
              assertThat(phones).as("customers with an Account").hasSize(linked + added);
              Map<String, String> salesforcePhones = new HashMap<>();
              for (JsonNode row :
                  stack
                      .salesforce()
                      .query(
                          "SELECT Id, Phone FROM Account WHERE Name LIKE 'Batch Cask %'"
                              + " OR Name LIKE 'New Cask %'")) {
                salesforcePhones.put(
                    row.path("Id").asString().substring(0, 15), row.path("Phone").asString(""));
              }
              Map<Long, String> actual = new HashMap<>();
              for (List<Object> row :
                  stack.rows(
                      "select caskr_id, salesforce_id from mapping.crm_entity_mappings"
                          + " where caskr_entity = 'customer' and caskr_id = any(?)",
                      (Object) expected.keySet().toArray(Long[]::new))) {
                actual.put(
                    ((Number) row.get(0)).longValue(),
                    salesforcePhones.get(((String) row.get(1)).substring(0, 15)));
              }
              assertThat(actual).isEqualTo(expected);
            });

    List<JsonNode> created =
        stack
            .salesforce()
            .query("SELECT Id, Caskr_Customer_Id__c FROM Account WHERE Name LIKE 'New Cask %'");
    Map<String, Long> perCustomerId =
        created.stream()
            .collect(
                Collectors.groupingBy(
                    row -> row.path("Caskr_Customer_Id__c").asString(""), Collectors.counting()));
    assertThat(perCustomerId)
        .as("one Account per new customer, by Caskr_Customer_Id__c")
        .hasSize(added)
        .allSatisfy((customerId, n) -> assertThat(n).as(customerId).isEqualTo(1L));
    assertThat(ids).hasSize(linked);
    assertThat(stack.salesforce().query("SELECT Id FROM Account WHERE Name LIKE 'Batch Cask %'"))
        .as("no linked Account duplicated")
        .hasSize(linked);
  }

  @Test
  void ingestKilledMidStreamLosesNoChangeAndDuplicatesKeepTheirEventId() throws Exception {
    int records = 400;
    int rounds = 6;
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      accounts.add(Map.of("Name", "Stream Still " + i, "Phone", "0-" + i));
    }
    List<String> ids = stack.salesforce().createAccounts(accounts);
    Set<String> prefixes = ids.stream().map(id -> id.substring(0, 15)).collect(Collectors.toSet());

    // Redelivery as after a reconnect: the emulator sends the next events twice; ingest-service
    // must give both copies the same event id.
    stack.emulatorAdmin("POST", "/pubsub/faults/duplicate", Map.of("count", DUPLICATED));
    // The stream goes on in Salesforce while ingest-service is killed and restarted.
    CompletableFuture<Void> stream =
        CompletableFuture.runAsync(
            () -> {
              for (int round = 1; round <= rounds; round++) {
                Map<String, Map<String, Object>> updates = new LinkedHashMap<>();
                for (int i = 0; i < records; i++) {
                  updates.put(ids.get(i), Map.of("Phone", round + "-" + i));
                }
                stack.salesforce().updateAccounts(updates);
              }
            });
    await("the stream is flowing into Kafka")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ours(prefixes).stream().anyMatch(e -> phone(e).startsWith("1-")));
    ProcessHandle killed = stack.processes().kill("ingest-service");
    assertThat(killed.isAlive()).isFalse();
    assertThat(ProcessHandle.of(killed.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    stream.get();
    stack.processes().restart("ingest-service");

    await("every record's latest version reached " + SyncStack.ACCOUNT_TOPIC)
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, Set<String>> phones = new HashMap<>();
              for (JsonNode envelope : ours(prefixes)) {
                phones
                    .computeIfAbsent(
                        envelope.path("recordId").asString().substring(0, 15), k -> new HashSet<>())
                    .add(phone(envelope));
              }
              for (int i = 0; i < records; i++) {
                String id = ids.get(i).substring(0, 15);
                assertThat(phones.getOrDefault(id, Set.of()))
                    .as(id)
                    .contains("0-" + i, rounds + "-" + i);
              }
            });

    List<JsonNode> cdc =
        ours(prefixes).stream()
            .filter(e -> e.path("source").asString("").equals("PUBSUB_CDC"))
            .toList();
    Map<String, Set<String>> identitiesPerChange = new HashMap<>();
    Map<String, Set<String>> changesPerEventId = new HashMap<>();
    for (JsonNode envelope : cdc) {
      String change =
          envelope.path("recordId").asString()
              + "@"
              + envelope.path("sourceVersion").asString()
              + "="
              + phone(envelope);
      identitiesPerChange
          .computeIfAbsent(change, k -> new HashSet<>())
          .add(envelope.path("eventId").asString());
      changesPerEventId
          .computeIfAbsent(envelope.path("eventId").asString(), k -> new HashSet<>())
          .add(change);
    }
    assertThat(identitiesPerChange)
        .as("a change delivered twice carries the same event id both times")
        .allSatisfy((change, eventIds) -> assertThat(eventIds).as(change).hasSize(1));
    assertThat(changesPerEventId)
        .as("an event id names one change")
        .allSatisfy((eventId, changes) -> assertThat(changes).as(eventId).hasSize(1));
    assertThat(identitiesPerChange)
        .as("every change: the creates and six rounds")
        .hasSize(records * (rounds + 1));
    System.out.printf(
        "ingest kill -9: %d CDC envelopes for %d changes (%d delivered more than once)%n",
        cdc.size(), identitiesPerChange.size(), cdc.size() - identitiesPerChange.size());
    assertThat(cdc.size() - identitiesPerChange.size())
        .as("the emulator's duplicated deliveries reached Kafka as duplicates to drop")
        .isPositive();
  }

  private static List<JsonNode> ours(Set<String> prefixes) {
    return stack.accountChanges().stream()
        .filter(e -> prefixes.contains(e.path("recordId").asString("").substring(0, 15)))
        .toList();
  }

  private static String phone(JsonNode envelope) {
    return envelope.path("fields").path("Phone").asString("");
  }

  private static long outboundRowsSince(Instant since) throws Exception {
    return count(
        "select count(*) from mapping.crm_sync_logs where direction = 'OUTBOUND'"
            + " and started_at >= ?",
        java.sql.Timestamp.from(since));
  }

  private static long count(String sql, Object... parameters) throws Exception {
    return ((Number) stack.value(sql, parameters)).longValue();
  }
}
