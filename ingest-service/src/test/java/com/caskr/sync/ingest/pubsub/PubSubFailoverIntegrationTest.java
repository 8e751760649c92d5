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
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.testing.TestInfrastructure;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two ingest-service instances on one database, and an instance stopped mid-stream: every org is
 * subscribed by exactly one instance, the other takes over, and no change is lost.
 */
class PubSubFailoverIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final AtomicLong COMPANIES = new AtomicLong(8_600);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Emulator EMULATOR = Emulator.shared();

  @Test
  void eachOrgIsSubscribedOnceAndTheOtherInstanceTakesOverWhenOneStops() throws Exception {
    var tokens = new EmulatorTokens();
    var database = TestInfrastructure.freshDatabase("pubsub_two_instances");
    List<Tenant> tenants = new ArrayList<>();
    Map<Tenant, OrgAccess> orgs = new HashMap<>();
    try (var first = IngestInstance.start("ingest-a", database, EMULATOR, tokens);
        var second = IngestInstance.start("ingest-b", database, EMULATOR, tokens)) {
      for (int i = 0; i < 3; i++) {
        OrgAccess org = EMULATOR.newOrg("Two instances " + i);
        long company = COMPANIES.incrementAndGet();
        tokens.connect(company, org);
        first.announce(company, org, ConnectionState.CONNECTED);
        tenants.add(org.tenant(company));
        orgs.put(org.tenant(company), org);
      }

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Set<Tenant> a = streaming(first);
                Set<Tenant> b = streaming(second);
                for (Tenant tenant : tenants) {
                  assertThat(a.contains(tenant) ^ b.contains(tenant))
                      .as(tenant.toString())
                      .isTrue();
                }
              });

      // Both instances also see orgs other tests announced on the shared broker: the leader is
      // the one streaming this test's org, not any instance with a stream.
      Tenant moved = tenants.get(0);
      IngestInstance leader = streaming(first).contains(moved) ? first : second;
      IngestInstance survivor = leader == first ? second : first;
      leader.close();

      await().atMost(WAIT).until(() -> streaming(survivor).containsAll(tenants));
      OrgAccess org = orgs.get(moved);
      SalesforceId id = client(org).create("Account", Map.of("Name", "After failover"));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  ChangeLog.ofCompany(moved.companyId()).stream()
                      .anyMatch(entry -> entry.change().recordId().equals(id)));
    }
  }

  @Test
  void noChangeIsLostWhenAnInstanceStopsMidStream() throws Exception {
    var tokens = new EmulatorTokens();
    var database = TestInfrastructure.freshDatabase("pubsub_restart");
    OrgAccess org = EMULATOR.newOrg("Stopped mid-stream");
    long company = COMPANIES.incrementAndGet();
    tokens.connect(company, org);
    SalesforceRestClient crm = client(org);
    List<SalesforceId> created = new ArrayList<>();

    var first = IngestInstance.start("ingest-before", database, EMULATOR, tokens);
    try {
      first.announce(company, org, ConnectionState.CONNECTED);
      await().atMost(WAIT).until(() -> streaming(first).contains(org.tenant(company)));
      created.addAll(createAccounts(crm, 0));
      // Stop as soon as the stream is under way: events requested but not handled stay behind.
      await().atMost(WAIT).until(() -> !ChangeLog.ofCompany(company).isEmpty());
    } finally {
      first.close();
    }
    // Changes while no instance runs.
    for (int batch = 1; batch < 4; batch++) {
      created.addAll(createAccounts(crm, batch * 200));
    }
    int beforeRestart = ChangeLog.ofCompany(company).size();

    try (var second = IngestInstance.start("ingest-after", database, EMULATOR, tokens)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          ChangeLog.ofCompany(company).stream()
                              .map(entry -> entry.change().recordId())
                              .collect(Collectors.toSet()))
                      .containsAll(created));
    }

    List<SalesforceRecordChanged> changes =
        ChangeLog.ofCompany(company).stream().map(ChangeLog.Entry::change).toList();
    assertThat(beforeRestart).isLessThanOrEqualTo(changes.size());
    // A change published twice (before and after the restart) carries the same identity.
    Map<UUID, Set<SalesforceId>> recordsById =
        changes.stream()
            .collect(
                Collectors.groupingBy(
                    SalesforceRecordChanged::eventId,
                    Collectors.mapping(SalesforceRecordChanged::recordId, Collectors.toSet())));
    assertThat(recordsById.values()).allSatisfy(records -> assertThat(records).hasSize(1));
    assertThat(recordsById).hasSize(created.size());
  }

  private static List<SalesforceId> createAccounts(SalesforceRestClient crm, int offset) {
    List<Map<String, Object>> accounts =
        IntStream.range(0, 200)
            .<Map<String, Object>>mapToObj(i -> Map.of("Name", "Restart " + (offset + i)))
            .toList();
    return crm.createAll("Account", accounts, false).stream().map(RowResult::id).toList();
  }

  private static Set<Tenant> streaming(IngestInstance instance) {
    return instance.running() ? instance.bean(PubSubStreams.class).streaming() : Set.of();
  }

  private static SalesforceRestClient client(OrgAccess org) {
    return org.rest(HTTP, "distillery-app");
  }
}
