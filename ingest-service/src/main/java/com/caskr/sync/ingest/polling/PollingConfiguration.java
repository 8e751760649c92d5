package com.caskr.sync.ingest.polling;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.ingest.records.RowChanges;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.ingest.syncstate.SyncLogs;
import com.caskr.sync.ingest.syncstate.SyncPreferences;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SOQL polling of the orgs this instance leads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollingProperties.class)
class PollingConfiguration {

  @Bean(destroyMethod = "close")
  PollSchedule pollSchedule(
      PollingProperties properties,
      JdbcClient jdbc,
      ChangePublisher publisher,
      RowChanges changes,
      EntityFields fields,
      OrgClients clients,
      OrgLeadership leadership,
      SyncPreferences preferences,
      SyncLogs syncLogs,
      MeterRegistry meters,
      IngestEvents events,
      ObjectProvider<Clock> clockProvider) {
    Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
    var poller =
        new SoqlPoller(
            new JdbcPollingCursors(jdbc),
            publisher,
            changes,
            fields,
            properties.overlap(),
            properties.ackTimeout(),
            clock);
    var schedule =
        new PollSchedule(
            poller,
            clients,
            leadership,
            preferences,
            syncLogs,
            new PollMetrics(meters, events),
            properties.limitBackoff(),
            properties.limitBackoffMax(),
            properties.minRemainingRequests(),
            clock);
    return properties.enabled() ? schedule.start(properties.tick()) : schedule;
  }
}
