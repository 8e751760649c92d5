package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.mapping.testing.Connections;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.testing.TestInfrastructure;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * RedriveDeadLetters (ARCHITECTURE.md §5.6) on the real broker: {@code maxCount} re-publishes that
 * many of the org's dead letters and leaves the rest for the next command; a command re-drives only
 * the org its company is connected to, never another org's dead letters. Each command is awaited
 * until the command listener's consumer group has committed past it, so "nothing happened" is
 * observed after the command ran, not before.
 */
@UsesTestInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "mapping.intake.retries=2",
      "mapping.intake.initial-backoff=20ms",
      "mapping.intake.max-backoff=100ms",
      "mapping.outbox.poll-interval=200ms"
    })
class DeadLetterRedriveIntegrationTest {

  private static final String ACCOUNTS = "salesforce.account.changed.v1";
  private static final String ACCOUNT_DLQ = ACCOUNTS + ".dlq";

  @Autowired private JdbcClient jdbc;

  @Autowired private KafkaListenerEndpointRegistry listeners;

  private Intake intake;
  private Connections connections;

  @Autowired
  void tools(JdbcClient jdbc) {
    this.intake = new Intake(jdbc);
    this.connections = new Connections(jdbc);
  }

  @Test
  void maxCountReDrivesThatManyAndTheRestWaitForTheNextCommand() {
    Tenant tenant = intake.unconnectedCompany();
    List<SalesforceRecordChanged> early =
        List.of(account(tenant, "First"), account(tenant, "Second"), account(tenant, "Third"));
    early.forEach(intake::send);
    early.forEach(intake::awaitDeadLetter);
    connections.connect(tenant);

    awaitConsumed(intake.redrive(tenant, ACCOUNT_DLQ, 2));

    assertThat(early.stream().mapToInt(event -> redriven(event)).sum())
        .as("copies re-published by the first command")
        .isEqualTo(2);
    await()
        .atMost(Intake.WAIT)
        .until(() -> intake.count("caskr.customers", tenant.companyId()) == 2);
    SalesforceRecordChanged left =
        early.stream().filter(event -> redriven(event) == 0).findFirst().orElseThrow();
    assertThat(intake.row("caskr.customers", "salesforce_account_id", tenant, left.recordId()))
        .isNull();

    awaitConsumed(intake.redrive(tenant, ACCOUNT_DLQ, null));

    assertThat(early).allSatisfy(event -> assertThat(redriven(event)).isOne());
    assertThat(intake.awaitCustomer(tenant, left.recordId()))
        .containsEntry("name", left.fields().get("Name"));
    assertThat(intake.count("caskr.customers", tenant.companyId())).isEqualTo(3);
  }

  @Test
  void aCommandNeverReDrivesAnotherOrgsDeadLetters() {
    Tenant mine = intake.unconnectedCompany();
    Tenant theirs = intake.unconnectedCompany();
    SalesforceRecordChanged own = account(mine, "Mine");
    SalesforceRecordChanged other = account(theirs, "Theirs");
    intake.send(own);
    intake.send(other);
    intake.awaitDeadLetter(own);
    intake.awaitDeadLetter(other);
    connections.connect(mine);
    connections.connect(theirs);

    awaitConsumed(intake.redrive(new Tenant(mine.companyId(), theirs.orgId()), ACCOUNT_DLQ, null));
    awaitConsumed(intake.redrive(mine, ACCOUNT_DLQ, null));

    assertThat(intake.awaitCustomer(mine, own.recordId())).containsEntry("name", "Mine");
    assertThat(redriven(own)).isOne();
    assertThat(redriven(other))
        .as("neither a command naming their org nor my own command re-drives their letter")
        .isZero();
    assertThat(intake.count("caskr.customers", theirs.companyId())).isZero();

    awaitConsumed(intake.redrive(theirs, ACCOUNT_DLQ, null));

    assertThat(intake.awaitCustomer(theirs, other.recordId())).containsEntry("name", "Theirs");
    assertThat(redriven(other)).isOne();
  }

  private static SalesforceRecordChanged account(Tenant tenant, String name) {
    return Changes.account(tenant, Changes.newId("001")).with("Name", name).build();
  }

  /** Copies of the event on its topic beyond the original: the re-driven ones. */
  private int redriven(SalesforceRecordChanged event) {
    return intake.copies(ACCOUNTS, event.eventId().toString()) - 1;
  }

  /** Waits until the service's consumer group has committed past the command. */
  private void awaitConsumed(RecordMetadata command) {
    TopicPartition partition = new TopicPartition(command.topic(), command.partition());
    String group = listeners.getListenerContainer("sync-commands").getGroupId();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
      await()
          .atMost(Intake.WAIT)
          .until(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > command.offset();
              });
    }
  }
}
