package com.caskr.sync.salesforce.pubsub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded platform event.
 *
 * @param topic for example {@code /event/Caskr_Sync__e}
 * @param eventId the event's id, which identifies it across org migrations where replay ids may
 *     repeat
 * @param values every field of the event's schema, nulls included
 */
public record PlatformEvent(
    String topic, String eventId, ReplayId replayId, Map<String, Object> values)
    implements PubSubEvent {

  public PlatformEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(replayId, "replayId");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
