package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.schema.events.SyncEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** Pub/Sub API subscriptions for every org this instance leads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PubSubProperties.class)
@ConditionalOnProperty(name = "ingest.pubsub.enabled", matchIfMissing = true)
class PubSubConfiguration {

  @Bean(destroyMethod = "close")
  PubSubStreams pubSubStreams(
      OrgClients clients,
      OrgLeadership leadership,
      ChangeEnvelopes envelopes,
      ChangePublisher publisher,
      KafkaTemplate<String, SyncEvent> kafka,
      JdbcClient jdbc,
      MeterRegistry registry,
      OwnerEmails owners,
      ObjectProvider<Clock> clock,
      PubSubProperties properties) {
    Clock time = clock.getIfAvailable(Clock::systemUTC);
    var streams =
        new PubSubStreams(
            clients,
            leadership,
            new OrgStream.Shared(
                new StreamChanges(envelopes, properties.overflowLookback()),
                publisher,
                new StreamCommands(kafka, time),
                new ReplayIds(jdbc),
                new StreamMetrics(registry),
                owners,
                time,
                properties));
    leadership.addListener(streams);
    return streams;
  }
}
