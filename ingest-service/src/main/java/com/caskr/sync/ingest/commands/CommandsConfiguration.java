package com.caskr.sync.ingest.commands;

import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.orgwork.OrgPolls;
import com.caskr.sync.ingest.orgwork.OrgReconciliations;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventSerializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The {@code sync.command.v1} consumer and the runner that executes handed-over commands. A record
 * that cannot be read or stored is retried with backoff, then goes to {@code sync.command.v1.dlq}
 * (ARCHITECTURE.md §5.6).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandsProperties.class)
class CommandsConfiguration {

  @Bean
  CommandInbox commandInbox(JdbcClient jdbc) {
    return new CommandInbox(jdbc);
  }

  @Bean
  SyncCommandListener syncCommandListener(CommandInbox inbox) {
    return new SyncCommandListener(inbox);
  }

  @Bean(destroyMethod = "close")
  CommandRunner commandRunner(
      CommandInbox inbox,
      OrgLeadership leadership,
      OrgPolls polls,
      OrgReconciliations reconciliations,
      CommandsProperties properties) {
    return new CommandRunner(
            inbox,
            leadership,
            polls,
            reconciliations,
            properties.maxAttempts(),
            properties.firstRetry())
        .start(properties.tick());
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, SyncEvent> syncCommandContainerFactory(
      ConsumerFactory<String, SyncEvent> consumers, KafkaProperties kafka) {
    Map<String, Object> producer = new LinkedHashMap<>(kafka.buildProducerProperties());
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    var deadLetters =
        new KafkaTemplate<Object, Object>(
            new DefaultKafkaProducerFactory<>(
                producer,
                null,
                new DelegatingByTypeSerializer(
                    Map.of(
                        byte[].class, new ByteArraySerializer(),
                        SyncEvent.class, new EventSerializer()),
                    true)));
    var backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxElapsedTime(10_000);
    var factory = new ConcurrentKafkaListenerContainerFactory<String, SyncEvent>();
    factory.setConsumerFactory(consumers);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
    factory.setCommonErrorHandler(
        new DefaultErrorHandler(
            new DeadLetterPublishingRecoverer(
                deadLetters, (record, failure) -> new TopicPartition(record.topic() + ".dlq", -1)),
            backOff));
    return factory;
  }
}
