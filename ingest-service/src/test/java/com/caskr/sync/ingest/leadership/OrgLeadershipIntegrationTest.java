package com.caskr.sync.ingest.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two {@link OrgLeadership} instances on one real PostgreSQL, as two ingest instances run. */
class OrgLeadershipIntegrationTest {

  private static final Duration CHECK = Duration.ofMillis(200);
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);
  private static final TestDatabase DB = TestInfrastructure.freshDatabase("leadership");

  private static final List<Tenant> ORGS =
      List.of(
          new Tenant(1, SalesforceId.of("00D000000000001")),
          new Tenant(2, SalesforceId.of("00D000000000002")),
          new Tenant(3, SalesforceId.of("00D000000000003")),
          new Tenant(4, SalesforceId.of("00D000000000004")));

  private final Recorder firstEvents = new Recorder();
  private final Recorder secondEvents = new Recorder();
  private final OrgLeadership first = instance("ingest-a", firstEvents);
  private final OrgLeadership second = instance("ingest-b", secondEvents);

  @AfterEach
  void closeBoth() {
    first.close();
    second.close();
  }

  @Test
  void eachOrgIsLedByExactlyOneInstance() {
    ORGS.forEach(first::compete);
    ORGS.forEach(second::compete);

    await()
        .atMost(FAILOVER_BOUND)
        .untilAsserted(() -> assertThat(first.led().size() + second.led().size()).isEqualTo(4));
    for (Tenant tenant : ORGS) {
      assertThat(first.leads(tenant) ^ second.leads(tenant)).as(tenant.toString()).isTrue();
    }
    assertThat(firstEvents.acquired).containsExactlyInAnyOrderElementsOf(first.led());
  }

  @Test
  void theOtherInstanceTakesOverWhenTheLeaderStops() {
    ORGS.forEach(first::compete);
    await().atMost(FAILOVER_BOUND).until(() -> first.led().size() == 4);
    ORGS.forEach(second::compete);

    first.close();

    assertThat(firstEvents.lost).containsExactlyInAnyOrderElementsOf(ORGS);
    await().atMost(FAILOVER_BOUND).until(() -> second.led().size() == 4);
    assertThat(secondEvents.acquired).containsExactlyInAnyOrderElementsOf(ORGS);
  }

  @Test
  void theOtherInstanceTakesOverWhenTheLeadersSessionDies() throws Exception {
    ORGS.forEach(first::compete);
    await().atMost(FAILOVER_BOUND).until(() -> first.led().size() == 4);
    ORGS.forEach(second::compete);

    // What a crash or a cut network does: the server ends the leader's session.
    Sql.strings(
        DB.dataSource(),
        "select pg_terminate_backend(pid)::text from pg_stat_activity where application_name = ?",
        "ingest-a");

    await().atMost(FAILOVER_BOUND).until(() -> second.led().size() == 4);
    await().atMost(FAILOVER_BOUND).until(() -> firstEvents.lost.size() == 4);
    // The deposed instance reconnects and keeps competing, but cannot take the orgs back.
    assertThat(first.led()).isEmpty();
  }

  @Test
  void withdrawingReleasesTheOrgToTheOtherInstance() {
    Tenant tenant = ORGS.getFirst();
    first.compete(tenant);
    await().atMost(FAILOVER_BOUND).until(() -> first.leads(tenant));
    second.compete(tenant);

    first.withdraw(tenant);

    await().atMost(FAILOVER_BOUND).until(() -> second.leads(tenant));
    assertThat(first.leads(tenant)).isFalse();
    assertThat(firstEvents.lost).containsExactly(tenant);
  }

  private static OrgLeadership instance(String name, Recorder recorder) {
    var info = new Properties();
    info.setProperty("user", DB.username());
    info.setProperty("password", DB.password());
    info.setProperty("ApplicationName", name);
    var leadership =
        new OrgLeadership(() -> DriverManager.getConnection(DB.jdbcUrl(), info), CHECK);
    leadership.addListener(recorder);
    return leadership.start();
  }

  private static final class Recorder implements LeadershipListener {
    final List<Tenant> acquired = new CopyOnWriteArrayList<>();
    final List<Tenant> lost = new CopyOnWriteArrayList<>();

    @Override
    public void onAcquired(Tenant tenant) {
      acquired.add(tenant);
    }

    @Override
    public void onLost(Tenant tenant) {
      lost.add(tenant);
    }
  }
}
