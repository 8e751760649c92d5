package com.caskr.sync.ingest.change;

import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Puts changes into {@code salesforce.<entity>.changed.v1}, keyed {@code <orgId18>/<recordId18>}.
 *
 * <p>The future completes normally only once Kafka acknowledged every change of the call ({@code
 * acks=all}, idempotent producer), and exceptionally as soon as one of them failed or timed out.
 * Callers acknowledge their sender, store a checkpoint or a notification id only after it completed
 * normally (ARCHITECTURE.md §5.1); on failure they let the sender retry. A retry may publish a
 * change twice; consumers drop the duplicate by record id and sourceVersion.
 */
public interface ChangePublisher {

  CompletableFuture<Void> publish(List<SalesforceRecordChanged> changes);
}
