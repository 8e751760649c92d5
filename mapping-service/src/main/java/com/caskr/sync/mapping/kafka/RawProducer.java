package com.caskr.sync.mapping.kafka;

import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A producer of records as bytes (acks=all, idempotent, as configured for the service): for dead
 * letters that could not be read, for re-driving, and for the outbox relay, which sends the stored
 * JSON as it is. Not a KafkaTemplate bean, which would replace Spring Boot's event template.
 */
public final class RawProducer implements DisposableBean {

  private final DefaultKafkaProducerFactory<String, byte[]> factory;
  private final KafkaTemplate<String, byte[]> template;

  RawProducer(Map<String, Object> producerProperties) {
    this.factory =
        new DefaultKafkaProducerFactory<>(
            producerProperties, new StringSerializer(), new ByteArraySerializer());
    this.template = new KafkaTemplate<>(factory);
  }

  public KafkaTemplate<String, byte[]> template() {
    return template;
  }

  @Override
  public void destroy() {
    factory.destroy();
  }
}
