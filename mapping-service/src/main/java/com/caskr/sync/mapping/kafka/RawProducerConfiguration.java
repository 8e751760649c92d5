package com.caskr.sync.mapping.kafka;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's one producer of records as bytes, shared by the intake and the outbox relay. */
@Configuration(proxyBeanMethods = false)
class RawProducerConfiguration {

  @Bean
  RawProducer rawProducer(KafkaProperties kafka) {
    return new RawProducer(kafka.buildProducerProperties());
  }
}
