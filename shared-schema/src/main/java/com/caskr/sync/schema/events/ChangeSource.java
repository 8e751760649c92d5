package com.caskr.sync.schema.events;

/** Which ingest channel saw the change; several may report the same change. */
public enum ChangeSource {
  PUBSUB_CDC,
  PLATFORM_EVENT,
  OUTBOUND_MESSAGE,
  WEBHOOK,
  POLL,
  RECONCILE,
  MANUAL
}
