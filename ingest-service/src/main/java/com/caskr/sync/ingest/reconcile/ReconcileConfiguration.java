package com.caskr.sync.ingest.reconcile;

import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.leadership.OrgLeadership;
import com.caskr.sync.ingest.records.EntityFields;
import com.caskr.sync.ingest.records.RowChanges;
import com.caskr.sync.ingest.salesforce.OrgClients;
import com.caskr.sync.ingest.syncstate.MappingSchema;
import com.caskr.sync.ingest.syncstate.SyncLogs;
import com.caskr.sync.ingest.syncstate.SyncPreferences;
import com.caskr.sync.salesforce.bulk.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bulk API 2.0 reconciliation of the orgs this instance leads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
class ReconcileConfiguration {

  @Bean(destroyMethod = "close")
  ReconcileSchedule reconcileSchedule(
      ReconcileProperties properties,
      JdbcClient jdbc,
      MappingSchema mappingSchema,
      SyncLogs syncLogs,
      ChangePublisher publisher,
      RowChanges changes,
      EntityFields fields,
      OrgClients clients,
      OrgLeadership leadership,
      SyncPreferences preferences,
      MeterRegistry meters,
      ObjectProvider<Clock> clockProvider) {
    Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
    var reconciler =
        new BulkReconciler(
            new ReconciliationRuns(jdbc, properties.abandonedAfter()),
            new MappedRecords(jdbc, mappingSchema),
            syncLogs,
            publisher,
            changes,
            fields,
            Backoff.DEFAULT,
            properties.jobTimeout(),
            properties.ackTimeout(),
            meters,
            clock);
    var schedule = new ReconcileSchedule(reconciler, clients, leadership, preferences, clock);
    return properties.enabled() ? schedule.start(properties.tick()) : schedule;
  }
}
