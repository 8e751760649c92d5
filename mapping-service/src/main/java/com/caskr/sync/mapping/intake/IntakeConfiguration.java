package com.caskr.sync.mapping.intake;

import com.caskr.sync.mapping.apply.ApplySalesforceChange;
import com.caskr.sync.mapping.apply.TenantGuard;
import com.caskr.sync.mapping.apply.TenantMismatch;
import com.caskr.sync.mapping.apply.TenantNotConnected;
import com.caskr.sync.mapping.kafka.RawProducer;
import com.caskr.sync.mapping.metrics.SyncMetrics;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listeners of the Salesforce change topics (a batch listener, ADR 0021) and of sync commands,
 * and the error handler both container factories pick up: bounded retries with exponential backoff,
 * then the record's {@code <topic>.dlq} (same partition) with the error in the headers. Records
 * that can never succeed (unreadable, wrong tenant) skip the retries; a company not connected yet
 * is retried (its connection event may be just behind) and logged when it is dead-lettered. The
 * batch listener names the failed record ({@code BatchListenerFailedException}), so only that
 * record is retried and dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

  /** The topics this service consumes changes from; their DLQs are the ones it re-drives. */
  static final Set<String> CONSUMED =
      Set.of(
          TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name(),
          TopicCatalogue.SALESFORCE_CONTACT_CHANGED.name(),
          TopicCatalogue.SALESFORCE_OPPORTUNITY_CHANGED.name());

  /** The container factory of the change topics: batch listeners, Boot's settings otherwise. */
  static final String BATCH_FACTORY = "salesforceChangesContainerFactory";

  @Bean(BATCH_FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> salesforceChangesContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      IntakeProperties properties) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    // A fetch waits up to fetch-max-wait for fetch-min-size of changes (ADR 0021, fifth pass); only
    // this listener's consumers, so the idle ones of the other topics keep Kafka's long poll.
    Properties fetch = new Properties();
    fetch.setProperty(
        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(properties.fetchMinSize().toBytes()));
    fetch.setProperty(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
        String.valueOf(properties.fetchMaxWait().toMillis()));
    // The factory does not hand its own consumer properties to its containers: set on each.
    factory.setContainerCustomizer(
        container -> container.getContainerProperties().getKafkaConsumerProperties().putAll(fetch));
    // The offsets of a committed batch are committed without waiting for the broker: the next
    // poll starts at once. An offset commit lost to a crash or rebalance only delivers the batch
    // again, and the ledger makes every change of it a duplicate (ADR 0021).
    factory.getContainerProperties().setSyncCommits(false);
    return factory;
  }

  @Bean
  SalesforceChangeListener salesforceChangeListener(
      ApplySalesforceChange changes, SyncMetrics metrics, DeadLetters deadLetters) {
    return new SalesforceChangeListener(changes, metrics, deadLetters.recoverer());
  }

  @Bean
  DeadLetters deadLetters(RawProducer rawProducer, KafkaOperations<?, ?> kafkaTemplate) {
    Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
    templates.put(byte[].class, rawProducer.template());
    templates.put(Object.class, kafkaTemplate);
    return new DeadLetters(
        new DeadLetterPublishingRecoverer(
            templates,
            (record, exception) ->
                new TopicPartition(record.topic() + ".dlq", Math.max(record.partition(), 0))));
  }

  @Bean
  DefaultErrorHandler intakeErrorHandler(
      DeadLetters deadLetters, IntakeProperties properties, ApplySalesforceChange changes) {
    ConsumerRecordRecoverer recoverer = deadLetters.recoverer();
    ConsumerRecordRecoverer recordingRecoverer =
        (record, exception) -> {
          // A company still unconnected after the last retry: say so in its sync log first.
          if (record.value() instanceof SalesforceRecordChanged event
              && cause(exception, TenantNotConnected.class) instanceof TenantNotConnected refused) {
            changes.recordRefusal(event, refused);
          }
          recoverer.accept(record, exception);
        };
    ExponentialBackOff backOff = new ExponentialBackOff(properties.initialBackoff().toMillis(), 2);
    backOff.setMaxInterval(properties.maxBackoff().toMillis());
    backOff.setMaxAttempts(properties.retries());
    DefaultErrorHandler handler = new DefaultErrorHandler(recordingRecoverer, backOff);
    handler.addNotRetryableExceptions(
        TenantMismatch.class,
        DeserializationException.class,
        SerializationException.class,
        ConversionException.class,
        IllegalArgumentException.class);
    return handler;
  }

  private static Throwable cause(Throwable thrown, Class<? extends Throwable> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  @Bean
  DeadLetterRedrive deadLetterRedrive(KafkaProperties kafka, RawProducer rawProducer) {
    Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
    consumer.put("enable.auto.commit", false);
    consumer.put("auto.offset.reset", "earliest");
    return new DeadLetterRedrive(
        new DefaultKafkaConsumerFactory<>(
            consumer, new StringDeserializer(), new ByteArrayDeserializer()),
        rawProducer.template(),
        kafka.getConsumer().getGroupId() + "-redrive-");
  }

  @Bean
  SyncCommandListener syncCommandListener(DeadLetterRedrive redrive, JdbcClient jdbc) {
    return new SyncCommandListener(redrive, new TenantGuard(jdbc));
  }
}
