package com.caskr.sync.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.json.EventJson;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncCommandIssuedTest {

  private static final Tenant TENANT = new Tenant(42, SalesforceId.of("00D5e000000CsKq"));
  private static final UUID EVENT = UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab");
  private static final Instant NOW = Instant.parse("2026-03-31T09:00:00Z");

  private static SyncCommandIssued issued(SyncCommand command) {
    return new SyncCommandIssued(EVENT, 1, TENANT, command, "scheduler", NOW, "t");
  }

  @Test
  void keyIsCompanySlashOrgSoATenantsCommandsStayInOrder() {
    assertThat(issued(new SyncCommand.Reconcile(null)).kafkaKey())
        .isEqualTo("42/00D5e000000CsKqEAK");
  }

  @Test
  void writesTheCommandWithATypeDiscriminator() {
    String json =
        EventJson.mapper()
            .writeValueAsString(
                issued(new SyncCommand.SyncNow(SalesforceEntity.ACCOUNT, SyncMode.FULL)));

    assertThat(json)
        .contains("\"command\":{\"type\":\"SYNC_NOW\",\"entity\":\"Account\",\"mode\":\"FULL\"}");
  }

  @Test
  void readsEachCommandTypeBack() {
    var json = EventJson.mapper();
    for (SyncCommand command :
        new SyncCommand[] {
          new SyncCommand.SyncNow(null, SyncMode.INCREMENTAL),
          new SyncCommand.ResyncRecord(
              SalesforceEntity.CONTACT, SalesforceId.of("0035e00000Dv2Lm")),
          new SyncCommand.Reconcile(SalesforceEntity.OPPORTUNITY),
          new SyncCommand.Reconcile(SalesforceEntity.ACCOUNT, ReconcileReason.REPLAY_ID_INVALID),
          new SyncCommand.SyncNow(SalesforceEntity.CONTACT, SyncMode.INCREMENTAL, NOW),
          new SyncCommand.RedriveDeadLetters("caskr.order.changed.v1.dlq", 100)
        }) {
      var event = issued(command);
      assertThat(json.readValue(json.writeValueAsString(event), SyncCommandIssued.class))
          .isEqualTo(event);
    }
  }

  @Test
  void optionalFieldsAddedLaterAreLeftOutWhenAbsent() {
    var json = EventJson.mapper();

    assertThat(json.writeValueAsString(issued(new SyncCommand.Reconcile(null))))
        .contains("\"command\":{\"type\":\"RECONCILE\",\"entity\":null}");
    assertThat(
            json.writeValueAsString(
                issued(
                    new SyncCommand.Reconcile(
                        SalesforceEntity.ACCOUNT, ReconcileReason.GAP_OVERFLOW))))
        .contains("\"reason\":\"GAP_OVERFLOW\"");
    assertThat(
            json.writeValueAsString(
                issued(new SyncCommand.SyncNow(null, SyncMode.INCREMENTAL, NOW))))
        .contains("\"since\":\"2026-03-31T09:00:00Z\"");
  }

  @Test
  void aSinceWindowBelongsToIncrementalSyncsOnly() {
    assertThatThrownBy(() -> new SyncCommand.SyncNow(SalesforceEntity.ACCOUNT, SyncMode.FULL, NOW))
        .hasMessage("SyncNow: since is only meaningful with mode INCREMENTAL");
  }

  @Test
  void routesCommandsExhaustively() {
    SyncCommand command = new SyncCommand.RedriveDeadLetters("caskr.order.changed.v1.dlq", null);

    String owner =
        switch (command) {
          case SyncCommand.SyncNow syncNow -> "polling";
          case SyncCommand.ResyncRecord resync -> "polling";
          case SyncCommand.Reconcile reconcile -> "reconcile";
          case SyncCommand.RedriveDeadLetters redrive -> "dlq";
        };

    assertThat(owner).isEqualTo("dlq");
  }

  @Test
  void rejectsMalformedCommands() {
    assertThatThrownBy(() -> new SyncCommand.SyncNow(SalesforceEntity.ACCOUNT, null))
        .hasMessage("SyncNow: mode must not be null");
    assertThatThrownBy(
            () ->
                new SyncCommand.ResyncRecord(
                    SalesforceEntity.ACCOUNT, SalesforceId.of("0035e00000Dv2Lm")))
        .hasMessageStartingWith("ResyncRecord: recordId must start with key prefix 001");
    assertThatThrownBy(() -> new SyncCommand.RedriveDeadLetters("caskr.order.changed.v1", null))
        .hasMessageStartingWith("RedriveDeadLetters: dlqTopic must be a dead-letter topic name");
    assertThatThrownBy(() -> new SyncCommand.RedriveDeadLetters("caskr.order.changed.v1.dlq", 0))
        .hasMessage("RedriveDeadLetters: maxCount must be at least 1 when set");
    assertThatThrownBy(() -> issued(null))
        .hasMessage("SyncCommandIssued: command must not be null");
  }

  @Test
  void rejectsAnUnknownCommandType() {
    String json =
        """
        {"eventId":"c0ffee00-1234-4abc-8def-0123456789ab","schemaVersion":1,
         "tenant":{"companyId":42,"orgId":"00D5e000000CsKqEAK"},
         "command":{"type":"FORMAT_DISK"},"requestedBy":"x","occurredAt":"2026-03-31T09:00:00Z","traceId":"t"}
        """;
    assertThatThrownBy(() -> EventJson.mapper().readValue(json, SyncCommandIssued.class))
        .hasMessageContaining("FORMAT_DISK");
  }
}
