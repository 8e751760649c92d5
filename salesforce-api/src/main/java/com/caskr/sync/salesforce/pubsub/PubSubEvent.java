package com.caskr.sync.salesforce.pubsub;

/** One decoded event from a Pub/Sub topic: a CDC change or a platform event. */
public sealed interface PubSubEvent permits ChangeEvent, PlatformEvent {

  /** Where this event sits in its topic; persist it once the event is safely handled. */
  ReplayId replayId();
}
