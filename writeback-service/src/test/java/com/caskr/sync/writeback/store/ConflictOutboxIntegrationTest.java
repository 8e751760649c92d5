package com.caskr.sync.writeback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConflictDetected;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import com.caskr.sync.writeback.plan.Conflict;
import com.caskr.sync.writeback.plan.Direction;
import com.caskr.sync.writeback.plan.FieldRule;
import com.caskr.sync.writeback.plan.SyncState;
import com.caskr.sync.writeback.plan.Target;
import com.caskr.sync.writeback.testing.MappingSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A conflict's event goes through the outbox: written in the transaction that stores the conflict,
 * published by the relay after the commit, and never announced when that transaction rolls back.
 */
@SpringBootTest(
    properties = {
      "writeback.push.enabled=false",
      "writeback.capture.enabled=false",
      "writeback.intake.enabled=false",
      "writeback.outbox.poll-interval=50ms"
    })
@UsesTestInfrastructure
@Import(MappingSchema.class)
class ConflictOutboxIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String ORG = SalesforceId.of("00D000000000042").value();

  @Autowired private SyncState state;
  @Autowired private JdbcClient jdbc;
  @Autowired private TransactionTemplate transactions;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;

  @Test
  void theConflictsEventIsPublishedFromTheOutboxAfterCommit() {
    long company = company();

    state.conflict(ORG, conflict(company));

    UUID stored =
        jdbc.sql("SELECT conflict_id FROM mapping.crm_sync_conflicts WHERE company_id = :c")
            .param("c", company)
            .query(UUID.class)
            .single();
    ConflictDetected event = awaitEvent(company);
    assertThat(event.conflictId()).isEqualTo(stored);
    assertThat(event.tenant().companyId()).isEqualTo(company);
    assertThat(event.tenant().orgId().value()).isEqualTo(ORG);
    assertThat(event.field()).isEqualTo("phone");
    assertThat(event.salesforceValue()).isEqualTo("555-0177");
    assertThat(event.caskrValue()).isEqualTo("555-0142");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "SELECT bool_and(sent_at IS NOT NULL) FROM writeback.outbox"
                            + " WHERE company_id = :c")
                    .param("c", company)
                    .query(Boolean.class)
                    .single());
  }

  @Test
  void aConflictRolledBackWithItsTransactionIsNeverAnnounced() {
    long company = company();

    transactions.executeWithoutResult(
        status -> {
          state.conflict(ORG, conflict(company));
          status.setRollbackOnly();
        });

    assertThat(count("mapping.crm_sync_conflicts", company)).isZero();
    assertThat(count("writeback.outbox", company)).as("no event to relay").isZero();
  }

  private long count(String table, long company) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE company_id = :c")
        .param("c", company)
        .query(Long.class)
        .single();
  }

  private ConflictDetected awaitEvent(long company) {
    String topic = TopicCatalogue.SYNC_CONFLICT_DETECTED.name();
    try (Consumer<String, SyncEvent> consumer =
        consumers.createConsumer("outbox-test-" + UUID.randomUUID(), null)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      AtomicReference<ConflictDetected> found = new AtomicReference<>();
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                for (ConsumerRecord<String, SyncEvent> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.value() instanceof ConflictDetected detected
                      && detected.tenant().companyId() == company) {
                    found.set(detected);
                  }
                }
                return found.get() != null;
              });
      return found.get();
    }
  }

  private static Conflict conflict(long company) {
    return new Conflict(
        Target.ACCOUNT,
        company,
        7,
        SalesforceId.of("001000000000007").value(),
        new FieldRule("phone", "Phone", Direction.BIDIRECTIONAL, false, false),
        true,
        "555-0100",
        "555-0177",
        "555-0142",
        Instant.now().minusSeconds(5),
        Instant.now());
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
}
