package com.caskr.sync.schema.kafka;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * Writes events as JSON. Refuses an event whose catalogue topic is not the one it is sent to
 * (dead-letter topics accept their base topic's events): a misrouted event would be unreadable or,
 * worse, read as something else.
 *
 * <p>Configure by class name, e.g. {@code spring.kafka.producer.value-serializer}.
 */
public class EventSerializer implements Serializer<SyncEvent> {

  public EventSerializer() {}

  @Override
  public byte[] serialize(String topic, SyncEvent event) {
    if (event == null) {
      return null;
    }
    Topic target =
        TopicCatalogue.byName(topic)
            .orElseThrow(
                () ->
                    new SerializationException("Unknown topic '" + topic + "': not in catalogue"));
    String expected = TopicCatalogue.topicFor(event).name();
    if (!expected.equals(target.baseName())) {
      throw new SerializationException(
          event.getClass().getSimpleName()
              + " "
              + event.eventId()
              + " belongs on topic '"
              + expected
              + "', not '"
              + topic
              + "'");
    }
    try {
      return EventJson.mapper().writeValueAsBytes(event);
    } catch (JacksonException e) {
      throw new SerializationException(
          "Cannot serialise "
              + event.getClass().getSimpleName()
              + " for topic '"
              + topic
              + "': "
              + e.getOriginalMessage(),
          e);
    }
  }
}
