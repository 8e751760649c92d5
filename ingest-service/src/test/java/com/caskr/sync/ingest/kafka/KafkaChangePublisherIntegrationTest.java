package com.caskr.sync.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.testing.UsesTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** The shared publisher against the real broker: acked means on the topic, failure means failed. */
@SpringBootTest
@UsesTestInfrastructure
class KafkaChangePublisherIntegrationTest {

  private static final AtomicLong COMPANIES = new AtomicLong(5_100);
  private static final SalesforceId ORG = SalesforceId.of("00D5e000000CsKq");
  private static final Instant MODSTAMP = Instant.parse("2026-11-22T09:00:00Z");

  @Autowired private ChangePublisher publisher;
  @Autowired private ChangeEnvelopes envelopes;
  @Autowired private MeterRegistry meters;
  @Autowired private ProducerFactory<String, SyncEvent> producers;

  @Test
  void completesOnceEveryChangeIsOnItsTopicKeyedByOrgAndRecord() throws Exception {
    Tenant tenant = new Tenant(COMPANIES.incrementAndGet(), ORG);
    var account = change(tenant, SalesforceEntity.ACCOUNT, "0015e00000Kx7Qz", Map.of());
    var contact = change(tenant, SalesforceEntity.CONTACT, "0035e00000Dv2Lm", Map.of());
    var opportunity =
        envelopes
            .change(
                tenant,
                SalesforceEntity.OPPORTUNITY,
                SalesforceId.of("0065e00000AbCdE"),
                ChangeSource.WEBHOOK,
                MODSTAMP)
            .lineItems(List.of())
            .build();
    double before = published(SalesforceEntity.CONTACT);

    publisher.publish(List.of(account, contact, opportunity)).get(30, TimeUnit.SECONDS);

    assertThat(ChangeLog.ofCompany(tenant.companyId()))
        .extracting(entry -> entry.topic() + " " + entry.key() + " " + entry.change().eventId())
        .containsExactlyInAnyOrder(
            "salesforce.account.changed.v1 00D5e000000CsKqEAK/0015e00000Kx7QzAAJ "
                + account.eventId(),
            "salesforce.contact.changed.v1 00D5e000000CsKqEAK/"
                + SalesforceId.of("0035e00000Dv2Lm").value()
                + " "
                + contact.eventId(),
            "salesforce.opportunity.changed.v1 00D5e000000CsKqEAK/"
                + SalesforceId.of("0065e00000AbCdE").value()
                + " "
                + opportunity.eventId());
    assertThat(published(SalesforceEntity.CONTACT)).isEqualTo(before + 1);
  }

  @Test
  void failsTheWholeCallWhenOneChangeIsRefusedEvenIfTheOthersLanded() {
    Tenant tenant = new Tenant(COMPANIES.incrementAndGet(), ORG);
    var fine = change(tenant, SalesforceEntity.ACCOUNT, "0015e00000Kx7Qz", Map.of());
    var tooLarge =
        change(
            tenant,
            SalesforceEntity.ACCOUNT,
            "0015e00000Kx7R0",
            Map.of("Description", "x".repeat(2 * 1024 * 1024)));
    double publishedBefore = counted(SalesforceEntity.ACCOUNT, "published");
    double failedBefore = counted(SalesforceEntity.ACCOUNT, "failed");

    assertThatThrownBy(() -> publisher.publish(List.of(fine, tooLarge)).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(RecordTooLargeException.class);
    assertThat(ChangeLog.ofCompany(tenant.companyId()))
        .extracting(entry -> entry.change().eventId())
        .containsExactly(fine.eventId());
    assertThat(counted(SalesforceEntity.ACCOUNT, "published")).isEqualTo(publishedBefore + 1);
    assertThat(counted(SalesforceEntity.ACCOUNT, "failed")).isEqualTo(failedBefore + 1);
  }

  @Test
  void failsWithinTheDeliveryTimeoutWhenTheBrokerIsUnreachable() throws IOException {
    Map<String, Object> settings = new HashMap<>(producers.getConfigurationProperties());
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000);
    var factory = new DefaultKafkaProducerFactory<String, SyncEvent>(settings);
    var registry = new SimpleMeterRegistry();
    var unreachable =
        new KafkaChangePublisher(new KafkaTemplate<>(factory), new IngestEvents(registry));
    try {
      Tenant tenant = new Tenant(COMPANIES.incrementAndGet(), ORG);
      var change = change(tenant, SalesforceEntity.ACCOUNT, "0015e00000Kx7Qz", Map.of());

      assertThatThrownBy(() -> unreachable.publish(List.of(change)).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
      assertThat(
              registry
                  .get("crm.ingest.events")
                  .tag("outcome", "failed")
                  .tag("source", "webhook")
                  .tag("entity", "Account")
                  .counter()
                  .count())
          .isEqualTo(1);
    } finally {
      factory.destroy();
    }
  }

  private SalesforceRecordChanged change(
      Tenant tenant, SalesforceEntity entity, String id, Map<String, Object> fields) {
    return envelopes
        .change(tenant, entity, SalesforceId.of(id), ChangeSource.WEBHOOK, MODSTAMP)
        .fields(fields)
        .build();
  }

  private double published(SalesforceEntity entity) {
    return counted(entity, "published");
  }

  private double counted(SalesforceEntity entity, String outcome) {
    var counter =
        meters
            .find("crm.ingest.events")
            .tag("source", "webhook")
            .tag("entity", entity.apiName())
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
