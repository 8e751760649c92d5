package com.caskr.sync.ingest.kafka;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.schema.events.SyncEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The change envelope builder and the Kafka publisher every ingest channel shares. */
@Configuration(proxyBeanMethods = false)
class ChangePublishingConfiguration {

  /** A {@link Clock} bean, if a test or another capability defines one, else the UTC clock. */
  @Bean
  ChangeEnvelopes changeEnvelopes(ObjectProvider<Clock> clock) {
    return new ChangeEnvelopes(clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  IngestEvents ingestEvents(MeterRegistry registry) {
    return new IngestEvents(registry);
  }

  @Bean
  ChangePublisher changePublisher(KafkaTemplate<String, SyncEvent> kafka, IngestEvents events) {
    return new KafkaChangePublisher(kafka, events);
  }
}
