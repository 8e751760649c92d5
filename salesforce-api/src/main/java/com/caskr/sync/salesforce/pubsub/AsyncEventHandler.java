package com.caskr.sync.salesforce.pubsub;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Receives the events of one FetchResponse, in topic order, and answers at once with a stage that
 * completes when they are handled (e.g. acknowledged by Kafka). Throwing or a stage that fails
 * means "not handled": the checkpoint does not move past the batch and the subscriber reconnects
 * from the last checkpoint, so the batch and every later one are delivered again (at least once).
 */
@FunctionalInterface
public interface AsyncEventHandler {

  CompletionStage<?> handle(List<PubSubEvent> events) throws Exception;
}
