package com.caskr.sync.mapping.apply;

import com.caskr.sync.mapping.conflictqueue.ConflictQueue;
import com.caskr.sync.mapping.conflicts.ConflictDetector;
import com.caskr.sync.mapping.fieldmap.FieldMapper;
import com.caskr.sync.mapping.mappings.EntityMappings;
import com.caskr.sync.mapping.outbox.Outbox;
import com.caskr.sync.mapping.settings.CompanySettings;
import com.caskr.sync.mapping.synclog.SyncLog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The record pairs, the sync log and the applier of Salesforce changes. */
@Configuration(proxyBeanMethods = false)
class ApplyConfiguration {

  @Bean
  EntityMappings entityMappings(JdbcClient jdbc) {
    return new EntityMappings(jdbc);
  }

  @Bean
  SyncLog syncLog(JdbcClient jdbc) {
    return new SyncLog(jdbc);
  }

  @Bean
  ApplySalesforceChange applySalesforceChange(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      EntityMappings mappings,
      SyncLog log,
      Outbox outbox,
      FieldMapper mapper,
      ConflictDetector detector,
      CompanySettings settings,
      ConflictQueue conflicts) {
    return new ApplySalesforceChange(
        jdbc,
        transactions,
        mappings,
        log,
        outbox,
        mapper,
        detector,
        settings,
        conflicts,
        Clock.systemUTC());
  }
}
