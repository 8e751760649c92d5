package com.caskr.sync.writeback.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.events.CaskrRowChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relay passes driven one at a time (the background relay is off): a pass that gets no
 * acknowledgement marks nothing sent, and of two relays only one works at a time.
 */
@SpringBootTest(properties = "writeback.capture.enabled=false")
@UsesTestInfrastructure
class RelayOutageIntegrationTest {

  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;
  @Autowired private TransactionTemplate transactions;
  @Autowired private TriggerLogRelay relay;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;

  @Test
  void editsCapturedWhileTheBrokerIsDownArePublishedOnceItIsBack() {
    long company = company();
    long customer = customer(company);
    jdbc.sql("UPDATE caskr.customers SET phone = '555-0142' WHERE id = :id")
        .param("id", customer)
        .update();

    DefaultKafkaProducerFactory<String, SyncEvent> unreachable =
        new DefaultKafkaProducerFactory<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500),
            new StringSerializer(),
            new EventSerializer());
    try {
      TriggerLogRelay brokerDown =
          new TriggerLogRelay(
              jdbc, transactions, new KafkaTemplate<>(unreachable), 100, Duration.ofSeconds(2));
      assertThatThrownBy(brokerDown::relayOnce).isInstanceOf(RuntimeException.class);
    } finally {
      unreachable.destroy();
    }
    assertThat(unsent(company)).isOne();

    assertThat(relay.relayOnce()).isPositive();
    assertThat(unsent(company)).isZero();
    try (ChangedEvents events = new ChangedEvents(consumers, company)) {
      List<CaskrRowChanged> published =
          await().atMost(Duration.ofSeconds(30)).until(events::poll, list -> !list.isEmpty());
      assertThat(published).extracting(CaskrRowChanged::caskrId).containsExactly(customer);
    }
  }

  @Test
  void aSecondRelaySkipsItsPassWhileTheFirstHoldsTheLog() throws SQLException {
    long company = company();
    long customer = customer(company);
    jdbc.sql("UPDATE caskr.customers SET phone = '555-0143' WHERE id = :id")
        .param("id", customer)
        .update();

    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement(
              "SELECT pg_advisory_xact_lock(" + TriggerLogRelay.RELAY_LOCK + ")")) {
        lock.execute();
      }
      assertThat(relay.relayOnce()).isZero();
      assertThat(unsent(company)).isOne();
      other.rollback();
    }

    assertThat(relay.relayOnce()).isPositive();
    assertThat(unsent(company)).isZero();
  }

  private long company() {
    return jdbc.sql(
            "INSERT INTO caskr.company (id, name) OVERRIDING SYSTEM VALUE VALUES (:id, :name)"
                + " RETURNING id")
        .param("id", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2))
        .param("name", "Distillery " + UUID.randomUUID())
        .query(Long.class)
        .single();
  }

  private long customer(long company) {
    long id =
        jdbc.sql("INSERT INTO caskr.customers (company_id, name) VALUES (:c, :n) RETURNING id")
            .param("c", company)
            .param("n", "Bar " + UUID.randomUUID())
            .query(Long.class)
            .single();
    jdbc.sql("UPDATE writeback.trigger_log SET sent_at = now() WHERE company_id = :c")
        .param("c", company)
        .update();
    return id;
  }

  private long unsent(long company) {
    return jdbc.sql(
            "SELECT count(*) FROM writeback.trigger_log WHERE company_id = :c AND sent_at IS NULL")
        .param("c", company)
        .query(Long.class)
        .single();
  }
}
