package com.caskr.sync.ingest.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The registry is rebuilt from the compacted {@code auth.connection.changed.v1} on start (latest
 * state per company wins) and follows it afterwards.
 */
@SpringBootTest
@UsesTestInfrastructure
class ConnectedOrgsIntegrationTest {

  private static final AtomicLong COMPANIES = new AtomicLong(5_200);

  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;
  @Autowired private ConnectedOrgs serviceOrgs;

  @Test
  void rebuildsTheLatestStatePerCompanyOnStartAndFollowsLaterChanges() throws Exception {
    long connected = COMPANIES.incrementAndGet();
    long revoked = COMPANIES.incrementAndGet();
    long disconnected = COMPANIES.incrementAndGet();
    SalesforceId orgA = org(connected);
    SalesforceId orgB = org(revoked);
    SalesforceId orgC = org(disconnected);
    send(Connections.changed(connected, orgA, ConnectionState.CONNECTED));
    send(Connections.changed(revoked, orgB, ConnectionState.CONNECTED));
    send(Connections.changed(revoked, orgB, ConnectionState.NEEDS_RECONNECT));
    send(Connections.changed(disconnected, orgC, ConnectionState.DISCONNECTED));

    var orgs = new ConnectedOrgs();
    var started = new CopyOnWriteArrayList<SalesforceId>();
    var stopped = new CopyOnWriteArrayList<SalesforceId>();
    orgs.addListener(
        new ConnectedOrgs.Listener() {
          @Override
          public void started(ConnectedOrg org) {
            started.add(org.orgId());
          }

          @Override
          public void stopped(ConnectedOrg org) {
            stopped.add(org.orgId());
          }
        });
    var reader =
        new ConnectionChangesReader(
            consumers.getConfigurationProperties(), orgs, new SimpleMeterRegistry());
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(orgs::loaded);

      assertThat(orgs.byOrgId(orgA)).get().extracting(ConnectedOrg::companyId).isEqualTo(connected);
      assertThat(orgs.byOrgId(orgB)).isEmpty();
      assertThat(orgs.byOrgId(orgC)).isEmpty();
      assertThat(orgs.byCompany(revoked))
          .get()
          .extracting(ConnectedOrg::state)
          .isEqualTo(ConnectionState.NEEDS_RECONNECT);
      assertThat(orgs.live())
          .extracting(ConnectedOrg::orgId)
          .contains(orgA)
          .doesNotContain(orgB, orgC);

      send(Connections.changed(connected, orgA, ConnectionState.DISCONNECTED));
      send(Connections.changed(revoked, orgB, ConnectionState.CONNECTED));

      await().atMost(Duration.ofSeconds(30)).until(() -> orgs.byOrgId(orgB).isPresent());
      assertThat(orgs.byOrgId(orgA)).isEmpty();
      assertThat(stopped).contains(orgA);
      assertThat(started).contains(orgA, orgB).doesNotContain(orgC);
    } finally {
      reader.stop();
    }
    assertThat(reader.isRunning()).isFalse();
  }

  @Test
  void theServiceKeepsItsOwnRegistryCurrent() throws Exception {
    long company = COMPANIES.incrementAndGet();
    SalesforceId org = org(company);
    await().atMost(Duration.ofSeconds(30)).until(serviceOrgs::loaded);

    send(Connections.changed(company, org, ConnectionState.CONNECTED));

    await().atMost(Duration.ofSeconds(30)).until(() -> serviceOrgs.byOrgId(org).isPresent());
    assertThat(serviceOrgs.byCompany(company)).isPresent();
  }

  private void send(ConnectionChanged change) throws Exception {
    kafka
        .send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), change.kafkaKey(), change)
        .get(30, TimeUnit.SECONDS);
  }

  /** A distinct, valid org id per company. */
  private static SalesforceId org(long company) {
    return SalesforceId.of("00D" + String.format("%012d", company));
  }
}
