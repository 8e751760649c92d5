package com.caskr.sync.writeback.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.events.CaskrOperation;
import com.caskr.sync.schema.events.CaskrRowChanged;
import com.caskr.sync.schema.events.CustomerChanged;
import com.caskr.sync.schema.events.SyncEvent;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The running relay on a real PostgreSQL and broker: Caskr edits become events, sync writes not.
 */
@SpringBootTest(properties = "writeback.capture.poll-interval=50ms")
@UsesTestInfrastructure
class TriggerLogRelayIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;

  @Test
  void aCaskrEditIsPublishedAndMarkedSent() {
    long company = company();
    long customer = customerWrittenBySync(company, "555-0100");

    jdbc.sql("UPDATE caskr.customers SET phone = '555-0199' WHERE id = :id")
        .param("id", customer)
        .update();

    try (ChangedEvents events = new ChangedEvents(consumers, company)) {
      List<CaskrRowChanged> published =
          await().atMost(PATIENCE).until(events::poll, list -> !list.isEmpty());
      assertThat(published).hasSize(1);
      CaskrRowChanged event = published.getFirst();
      assertThat(event).isInstanceOf(CustomerChanged.class);
      assertThat(event.caskrId()).isEqualTo(customer);
      assertThat(event.operation()).isEqualTo(CaskrOperation.UPDATE);
      assertThat(event.changedFields()).containsExactly("phone");
      assertThat(event.before()).isEqualTo(Map.of("phone", "555-0100"));
      assertThat(event.after()).isEqualTo(Map.of("phone", "555-0199"));
      assertThat(event.transactionId()).isNotNull();
      assertThat(event.kafkaKey()).isEqualTo(company + "/" + customer);
    }
    await().atMost(PATIENCE).until(() -> unsent(company) == 0);
  }

  @Test
  void aTransactionTaggedAsTheSyncIsNotPublished() throws SQLException {
    long company = company();
    long tagged = customerWrittenBySync(company, "555-0100");
    long marker = customerWrittenBySync(company, "555-0200");

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "SET LOCAL caskr.sync_origin = 'salesforce-sync'");
      execute(connection, "UPDATE caskr.customers SET phone = '555-0111' WHERE id = ?", tagged);
      connection.commit();
      connection.setAutoCommit(true);
    }
    jdbc.sql("UPDATE caskr.customers SET phone = '555-0222' WHERE id = :id")
        .param("id", marker)
        .update();

    try (ChangedEvents events = new ChangedEvents(consumers, company)) {
      List<CaskrRowChanged> published =
          await().atMost(PATIENCE).until(events::poll, list -> !list.isEmpty());
      assertThat(published).extracting(CaskrRowChanged::caskrId).containsExactly(marker);
    }
  }

  @Test
  void editsOfARowArePublishedInCommitOrderAndAnOpenTransactionHoldsBackLaterRows()
      throws SQLException {
    long company = company();
    long first = customerWrittenBySync(company, "555-0100");
    long second = customerWrittenBySync(company, "555-0200");

    try (ChangedEvents events = new ChangedEvents(consumers, company);
        Connection open = dataSource.getConnection()) {
      open.setAutoCommit(false);
      execute(open, "UPDATE caskr.customers SET phone = '555-0101' WHERE id = ?", first);
      for (int i = 1; i <= 3; i++) {
        jdbc.sql("UPDATE caskr.customers SET phone = :phone WHERE id = :id")
            .param("phone", "555-020" + i)
            .param("id", second)
            .update();
      }
      await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> events.poll().isEmpty());

      open.commit();

      List<CaskrRowChanged> published =
          await().atMost(PATIENCE).until(events::poll, list -> list.size() >= 4);
      // Kafka orders per key (partition); across keys the consumer's interleaving is arbitrary.
      assertThat(published)
          .extracting(event -> event.caskrId() + ":" + event.after().get("phone"))
          .containsExactlyInAnyOrder(
              first + ":555-0101",
              second + ":555-0201",
              second + ":555-0202",
              second + ":555-0203");
      assertThat(published)
          .filteredOn(event -> event.caskrId() == second)
          .extracting(event -> event.after().get("phone"))
          .containsExactly("555-0201", "555-0202", "555-0203");
    }
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

  private long customerWrittenBySync(long company, String phone) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "SET LOCAL caskr.sync_origin = 'salesforce-sync'");
      long id;
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO caskr.customers (company_id, name, phone) VALUES (?, ?, ?) RETURNING id")) {
        statement.setLong(1, company);
        statement.setString(2, "Bar " + UUID.randomUUID());
        statement.setString(3, phone);
        var row = statement.executeQuery();
        row.next();
        id = row.getLong(1);
      }
      connection.commit();
      connection.setAutoCommit(true);
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long unsent(long company) {
    return jdbc.sql(
            "SELECT count(*) FROM writeback.trigger_log WHERE company_id = :c AND sent_at IS NULL")
        .param("c", company)
        .query(Long.class)
        .single();
  }

  private static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
    }
  }
}
