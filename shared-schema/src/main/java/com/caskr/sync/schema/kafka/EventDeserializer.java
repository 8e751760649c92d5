package com.caskr.sync.schema.kafka;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads events as JSON into the record type the catalogue names for the topic ({@code <topic>.dlq}
 * reads as {@code <topic>}). Unknown JSON properties are ignored; anything else that does not make
 * a valid event is a {@link SerializationException} naming the topic and the problem but never
 * quoting the payload, which is customer data. With spring-kafka, wrap it in an
 * ErrorHandlingDeserializer so such a record goes to the DLQ instead of stopping the partition.
 */
public class EventDeserializer implements Deserializer<SyncEvent> {

  private static final int MAX_PROBLEM_LENGTH = 300;

  public EventDeserializer() {}

  @Override
  public SyncEvent deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    Topic source =
        TopicCatalogue.byName(topic)
            .orElseThrow(
                () ->
                    new SerializationException(
                        "Cannot deserialise from unknown topic '" + topic + "': not in catalogue"));
    SyncEvent event;
    try {
      event = EventJson.mapper().readValue(data, source.valueType());
    } catch (JacksonException e) {
      throw new SerializationException(
          "Cannot deserialise "
              + source.valueType().getSimpleName()
              + " from topic '"
              + topic
              + "' ("
              + data.length
              + " bytes): "
              + problem(e));
    }
    if (event == null) {
      throw new SerializationException(
          "Cannot deserialise from topic '" + topic + "': the value is JSON null");
    }
    String expected = TopicCatalogue.topicFor(event).name();
    if (!expected.equals(source.baseName())) {
      throw new SerializationException(
          source.valueType().getSimpleName()
              + " "
              + event.eventId()
              + " on topic '"
              + topic
              + "' belongs on '"
              + expected
              + "'");
    }
    return event;
  }

  // The cause is left out on purpose: Jackson exceptions can carry parts of the document.
  private static String problem(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    message = message.replaceAll("\\s+", " ");
    if (message.length() > MAX_PROBLEM_LENGTH) {
      message = message.substring(0, MAX_PROBLEM_LENGTH) + "...";
    }
    TokenStreamLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    return message;
  }
}
