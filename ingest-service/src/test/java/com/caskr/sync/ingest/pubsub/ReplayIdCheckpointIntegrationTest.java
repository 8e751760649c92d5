package com.caskr.sync.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.EmulatorTokens;
import com.caskr.sync.ingest.testing.IngestInstance;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.salesforce.rest.RowResult;
import com.caskr.sync.salesforce.rest.SalesforceRestClient;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.net.http.HttpClient;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code ingest.pubsub.checkpoint-interval}: the replay id is written at most once per interval
 * while streaming, and on a clean stop the newest acknowledged one is written, so a restart does
 * not publish again what Kafka already has.
 */
class ReplayIdCheckpointIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ACCOUNTS = "/data/AccountChangeEvent";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Emulator EMULATOR = Emulator.shared();

  @Test
  void aCleanStopWritesTheLastAcknowledgedReplayIdSoARestartPublishesNothingTwice()
      throws Exception {
    var tokens = new EmulatorTokens();
    TestDatabase database = TestInfrastructure.freshDatabase("pubsub_checkpoint_interval");
    OrgAccess org = EMULATOR.newOrg("Checkpoint interval");
    long company = 8_700;
    tokens.connect(company, org);
    SalesforceRestClient crm = client(org);
    List<SalesforceId> created = new ArrayList<>();

    byte[] whileStreaming;
    try (var first =
        IngestInstance.start(
            "ingest-interval-first",
            database,
            EMULATOR,
            tokens,
            "--ingest.pubsub.checkpoint-interval=1h")) {
      first.announce(company, org, ConnectionState.CONNECTED);
      await()
          .atMost(WAIT)
          .until(() -> first.bean(PubSubStreams.class).streaming().contains(org.tenant(company)));
      created.addAll(createAccounts(crm, 0));
      created.addAll(createAccounts(crm, 200));
      await().atMost(WAIT).until(() -> publishedIds(company).containsAll(created));
      whileStreaming = storedAccountReplayId(database, org);
    }

    byte[] afterStop = storedAccountReplayId(database, org);
    assertThat(afterStop)
        .as("the stop wrote a newer position than the one written while streaming (1 h interval)")
        .isNotNull()
        .isNotEqualTo(whileStreaming);

    try (var second = IngestInstance.start("ingest-interval-second", database, EMULATOR, tokens)) {
      await()
          .atMost(WAIT)
          .until(() -> second.bean(PubSubStreams.class).streaming().contains(org.tenant(company)));
      SalesforceId later = crm.create("Account", Map.of("Name", "After the restart"));
      created.add(later);
      await().atMost(WAIT).until(() -> publishedIds(company).contains(later));
    }

    Map<SalesforceId, Long> publications =
        ChangeLog.ofCompany(company).stream()
            .map(entry -> entry.change().recordId())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(publications.keySet()).containsExactlyInAnyOrderElementsOf(created);
    assertThat(publications.values())
        .as("the restart resumed after the last acknowledged event")
        .containsOnly(1L);
  }

  private static Set<SalesforceId> publishedIds(long company) {
    return ChangeLog.ofCompany(company).stream()
        .map(entry -> entry.change().recordId())
        .collect(Collectors.toSet());
  }

  private static byte[] storedAccountReplayId(TestDatabase database, OrgAccess org)
      throws SQLException {
    try (var connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        var statement =
            connection.prepareStatement(
                "select replay_id from ingest.pubsub_replay_ids"
                    + " where org_id = ? and topic_name = ?")) {
      statement.setString(1, org.orgId().value());
      statement.setString(2, ACCOUNTS);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? rows.getBytes(1) : null;
      }
    }
  }

  private static List<SalesforceId> createAccounts(SalesforceRestClient crm, int offset) {
    List<Map<String, Object>> accounts =
        IntStream.range(0, 200)
            .<Map<String, Object>>mapToObj(i -> Map.of("Name", "Checkpoint " + (offset + i)))
            .toList();
    return crm.createAll("Account", accounts, false).stream().map(RowResult::id).toList();
  }

  private static SalesforceRestClient client(OrgAccess org) {
    return org.rest(HTTP, "distillery-app");
  }
}
