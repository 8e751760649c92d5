package com.caskr.sync.ingest.records;

import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where envelopes go: Kafka, acknowledged for all of them before the future completes. */
@FunctionalInterface
public interface ChangeSink {

  /** Completes when Kafka acknowledged every one of {@code changes}; fails otherwise. */
  CompletableFuture<?> publish(List<SalesforceRecordChanged> changes);
}
