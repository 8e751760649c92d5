package com.caskr.sync.mapping.outbox;

import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's producer (acks=all, idempotent, as configured for the service) of values that are
 * already JSON text: the outbox payloads. Not a ProducerFactory or KafkaTemplate bean, which would
 * replace Spring Boot's event producer.
 */
final class RelayProducer implements DisposableBean {

  private final DefaultKafkaProducerFactory<String, String> factory;
  private final KafkaTemplate<String, String> template;

  RelayProducer(Map<String, Object> producerProperties) {
    this.factory =
        new DefaultKafkaProducerFactory<>(
            producerProperties, new StringSerializer(), new StringSerializer());
    this.template = new KafkaTemplate<>(factory);
  }

  KafkaTemplate<String, String> template() {
    return template;
  }

  @Override
  public void destroy() {
    factory.destroy();
  }
}
