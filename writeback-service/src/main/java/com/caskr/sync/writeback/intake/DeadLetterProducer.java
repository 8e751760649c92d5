package com.caskr.sync.writeback.intake;

import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A producer of records as bytes (acks=all, idempotent, as configured for the service): an
 * unreadable record goes to its DLQ as it came. Not a KafkaTemplate bean, which would replace
 * Spring Boot's event template.
 */
final class DeadLetterProducer implements DisposableBean {

  private final DefaultKafkaProducerFactory<String, byte[]> factory;
  private final KafkaTemplate<String, byte[]> template;

  DeadLetterProducer(Map<String, Object> producerProperties) {
    this.factory =
        new DefaultKafkaProducerFactory<>(
            producerProperties, new StringSerializer(), new ByteArraySerializer());
    this.template = new KafkaTemplate<>(factory);
  }

  KafkaTemplate<String, byte[]> template() {
    return template;
  }

  @Override
  public void destroy() {
    factory.destroy();
  }
}
