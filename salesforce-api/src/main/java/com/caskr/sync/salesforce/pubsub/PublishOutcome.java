package com.caskr.sync.salesforce.pubsub;

/** What became of one published event. */
public sealed interface PublishOutcome {

  /** The id the client gave the event ({@code ProducerEvent.id}, echoed as correlation key). */
  String correlationKey();

  /** Accepted and stored at {@code replayId}. */
  record Published(String correlationKey, ReplayId replayId) implements PublishOutcome {}

  /** Refused by the server; {@code code} is Salesforce's {@code ErrorCode} (e.g. PUBLISH). */
  record Rejected(String correlationKey, String code, String message) implements PublishOutcome {}
}
