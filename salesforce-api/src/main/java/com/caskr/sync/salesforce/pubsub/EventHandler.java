package com.caskr.sync.salesforce.pubsub;

import java.util.List;

/**
 * Receives the events of one FetchResponse, in topic order. Throwing means "not handled": the
 * checkpoint does not move and the subscriber reconnects from the last checkpoint, so the batch is
 * delivered again (at least once).
 */
@FunctionalInterface
public interface EventHandler {

  void handle(List<PubSubEvent> events) throws Exception;
}
