package com.caskr.sync.mapping.intake;

import com.caskr.sync.mapping.apply.TenantGuard;
import com.caskr.sync.mapping.apply.TenantRefusal;
import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * mapping-service's part of {@code sync.command.v1}: RedriveDeadLetters for the three
 * salesforce.*.changed.v1 DLQs it feeds, for the org the command's company is connected to. Other
 * commands and other DLQs belong to other services.
 */
final class SyncCommandListener {

  private static final Logger LOG = LoggerFactory.getLogger(SyncCommandListener.class);

  private final DeadLetterRedrive redrive;
  private final TenantGuard tenants;

  SyncCommandListener(DeadLetterRedrive redrive, TenantGuard tenants) {
    this.redrive = redrive;
    this.tenants = tenants;
  }

  @KafkaListener(
      id = "sync-commands",
      groupId = "${spring.kafka.consumer.group-id}.sync-commands",
      topics = "sync.command.v1")
  void onCommand(ConsumerRecord<String, SyncEvent> record) {
    if (!(record.value() instanceof SyncCommandIssued issued)
        || !(issued.command() instanceof SyncCommand.RedriveDeadLetters command)
        || !IntakeConfiguration.CONSUMED.contains(command.dlqTopic().replaceFirst("\\.dlq$", ""))) {
      return;
    }
    try {
      // A command re-drives only the org its company is connected to (ARCHITECTURE.md §5.7).
      tenants.check(issued.tenant());
    } catch (TenantRefusal refused) {
      LOG.warn("Refused command {}: {}", issued.eventId(), refused.getMessage());
      return;
    }
    int count = redrive.redrive(issued.tenant(), command.dlqTopic(), command.maxCount());
    LOG.info(
        "Re-drove {} dead letters of company {} from {} (requested by command {})",
        count,
        issued.tenant().companyId(),
        command.dlqTopic(),
        issued.eventId());
  }
}
