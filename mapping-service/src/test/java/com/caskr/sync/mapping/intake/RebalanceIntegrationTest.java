package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.MappingServiceApplication;
import com.caskr.sync.mapping.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.ListenersAssigned;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the service in one consumer group on one database; one stops in the middle of
 * the stream, so its partitions move to the other. Every event is applied exactly once and every
 * record ends at its newest version.
 */
class RebalanceIntegrationTest {

  private static final int RECORDS = 40;
  private static final int VERSIONS = 5;

  @Test
  void aRebalanceMidStreamLosesAndDoublesNothing() throws Exception {
    TestDatabase database = TestInfrastructure.freshDatabase("rebalance");
    String group = "mapping-rebalance-" + UUID.randomUUID();
    ConfigurableApplicationContext first = start(database, group);
    // The group starts at the latest offset (other classes' events on the shared broker are not
    // this test's), so nothing is published before the first instance owns every partition.
    ListenersAssigned.await(first);
    ConfigurableApplicationContext second = null;
    try {
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      long companyId = 700_000 + ThreadLocalRandom.current().nextInt(100_000);
      jdbc.sql("INSERT INTO caskr.company (id, name) OVERRIDING SYSTEM VALUE VALUES (?, 'Two')")
          .param(companyId)
          .update();
      Tenant tenant = new Tenant(companyId, Changes.newId("00D"));
      new Connections(jdbc).connect(tenant);
      second = start(database, group);

      List<SalesforceId> accounts = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        accounts.add(Changes.newId("001"));
      }
      Instant t0 = Instant.now();
      int sent = 0;
      try (KafkaProducer<String, SyncEvent> producer = producer()) {
        for (int version = 1; version <= VERSIONS; version++) {
          for (SalesforceId account : accounts) {
            SalesforceRecordChanged event =
                Changes.account(tenant, account)
                    .version(t0.plusSeconds(version))
                    .with("Name", "Account " + account.value())
                    .with("Phone", "v" + version)
                    .build();
            producer.send(
                new ProducerRecord<>(
                    TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name(), event.kafkaKey(), event));
            sent++;
          }
          producer.flush();
          if (version == 2) {
            second.close();
          }
        }
      }
      int expected = sent;

      await()
          .atMost(Duration.ofMinutes(3))
          .until(
              () ->
                  jdbc.sql("SELECT count(*) FROM mapping.processed_events WHERE company_id = ?")
                          .param(companyId)
                          .query(Long.class)
                          .single()
                      == expected);
      assertThat(
              jdbc.sql("SELECT count(*) FROM caskr.customers WHERE company_id = ? AND phone = ?")
                  .params(companyId, "v" + VERSIONS)
                  .query(Long.class)
                  .single())
          .as("every record ends at its newest version, one row each")
          .isEqualTo(RECORDS);
      assertThat(
              jdbc.sql("SELECT count(*) FROM caskr.customers WHERE company_id = ?")
                  .param(companyId)
                  .query(Long.class)
                  .single())
          .isEqualTo(RECORDS);
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM mapping.crm_sync_logs WHERE company_id = ?"
                          + " GROUP BY event_id HAVING count(*) > 1")
                  .param(companyId)
                  .query(Long.class)
                  .list())
          .as("no event logged twice")
          .isEmpty();
      assertThat(
              jdbc.sql(
                      "SELECT status || ' ' || coalesce(error_code, '') FROM mapping.crm_sync_logs"
                          + " WHERE company_id = ? AND status <> 'SUCCESS'")
                  .param(companyId)
                  .query(String.class)
                  .list())
          .as("events of one record keep their order: nothing arrives stale")
          .isEmpty();
    } finally {
      if (second != null && second.isActive()) {
        second.close();
      }
      first.close();
    }
  }

  private static ConfigurableApplicationContext start(TestDatabase database, String group) {
    // Command-line arguments: they outrank application.yml (builder properties do not).
    String[] settings = {
      "--server.port=0",
      "--spring.datasource.url=" + database.jdbcUrl(),
      "--spring.datasource.username=" + database.username(),
      "--spring.datasource.password=" + database.password(),
      "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
      "--spring.kafka.consumer.group-id=" + group,
      "--spring.kafka.consumer.auto-offset-reset=latest",
      "--spring.kafka.listener.concurrency=2",
      "--mapping.intake.retries=2",
      "--mapping.intake.initial-backoff=20ms",
      "--mapping.intake.max-backoff=100ms"
    };
    return new SpringApplicationBuilder(MappingServiceApplication.class).run(settings);
  }

  private static KafkaProducer<String, SyncEvent> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new EventSerializer());
  }
}
