package com.caskr.sync.schema.events;

import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.UUID;

/**
 * Every message value on a topic of the {@link com.caskr.sync.schema.topics.TopicCatalogue}. The
 * set is closed so that code routing events ({@code switch (event)}) is checked for exhaustiveness
 * by the compiler when a contract is added.
 */
public sealed interface SyncEvent
    permits SalesforceRecordChanged,
        CustomerSynced,
        OrderSynced,
        PortalUserSynced,
        CaskrRowChanged,
        ConflictDetected,
        ConflictResolved,
        SyncCommandIssued,
        ConnectionChanged {

  /** Unique per event; consumers use it for idempotence (processed-event ledger). */
  UUID eventId();

  /** Revision of the record's contract on its topic, starting at 1; additive changes only. */
  int schemaVersion();

  Tenant tenant();

  /** When the change happened at its source, as far as the producer knows. */
  Instant occurredAt();

  /** Correlates log lines across services; producers create one when they receive none. */
  String traceId();

  /** The Kafka record key; events with the same key are ordered within a partition. */
  String kafkaKey();
}
