package com.caskr.sync.writeback.intake;

import com.caskr.sync.writeback.plan.PushQueue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka into the push queue: Caskr edits and conflict resolutions Caskr won; and the error handler
 * Spring Boot's listener container factory picks up: {@code writeback.intake.retries} retries with
 * exponential backoff ({@code initial-backoff} doubling up to {@code max-backoff}), then the
 * record's {@code <topic>.dlq} (same partition) with the error in the headers ({@code
 * kafka_dlt-exception-*}). A record that cannot be read or is not a valid edit skips the retries.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "writeback.intake.enabled", matchIfMissing = true)
class IntakeConfiguration {

  @Bean
  EditIntake editIntake(
      PushQueue queue,
      @Value("${writeback.intake.backfill-transaction-size:100}") int backfillTransactionSize) {
    if (backfillTransactionSize < 2) {
      throw new IllegalArgumentException("writeback.intake.backfill-transaction-size must be >= 2");
    }
    return new EditIntake(queue, backfillTransactionSize);
  }

  @Bean
  DeadLetterProducer deadLetterProducer(KafkaProperties kafka) {
    return new DeadLetterProducer(kafka.buildProducerProperties());
  }

  @Bean
  DefaultErrorHandler intakeErrorHandler(
      DeadLetterProducer deadLetters,
      KafkaOperations<?, ?> kafkaTemplate,
      @Value("${writeback.intake.retries:3}") int retries,
      @Value("${writeback.intake.initial-backoff:1s}") Duration initialBackoff,
      @Value("${writeback.intake.max-backoff:10s}") Duration maxBackoff) {
    if (retries < 0 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "writeback.intake.retries must not be negative and max-backoff >= initial-backoff");
    }
    Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
    templates.put(byte[].class, deadLetters.template());
    templates.put(Object.class, kafkaTemplate);
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            templates,
            (record, exception) ->
                new TopicPartition(record.topic() + ".dlq", Math.max(record.partition(), 0)));
    ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), 2);
    backOff.setMaxInterval(maxBackoff.toMillis());
    backOff.setMaxAttempts(retries);
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(
        DeserializationException.class,
        SerializationException.class,
        ConversionException.class,
        IllegalArgumentException.class);
    return handler;
  }
}
