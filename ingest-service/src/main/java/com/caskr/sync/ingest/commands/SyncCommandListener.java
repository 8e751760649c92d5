package com.caskr.sync.ingest.commands;

import com.caskr.sync.schema.events.SyncCommand;
import com.caskr.sync.schema.events.SyncCommandIssued;
import com.caskr.sync.schema.events.SyncEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code sync.command.v1}: hands each ingest command over to {@link CommandInbox}, where
 * the org's leader picks it up; the offset is committed after the row is stored. Dead-letter
 * redrives are mapping-service's and are skipped.
 */
final class SyncCommandListener {

  private static final Logger log = LoggerFactory.getLogger(SyncCommandListener.class);

  private final CommandInbox inbox;

  SyncCommandListener(CommandInbox inbox) {
    this.inbox = inbox;
  }

  @KafkaListener(
      id = "ingest-sync-commands",
      groupId = "${spring.kafka.consumer.group-id}.sync-commands",
      topics = "sync.command.v1",
      containerFactory = "syncCommandContainerFactory")
  void on(SyncEvent event) {
    if (!(event instanceof SyncCommandIssued issued)) {
      throw new IllegalArgumentException(
          "sync.command.v1 carries SyncCommandIssued, not " + event.getClass().getSimpleName());
    }
    if (issued.command() instanceof SyncCommand.RedriveDeadLetters) {
      log.debug("Skipping {}: dead-letter redrives are mapping-service's", issued.eventId());
      return;
    }
    inbox.store(issued);
  }
}
