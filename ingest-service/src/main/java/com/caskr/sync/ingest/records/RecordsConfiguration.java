package com.caskr.sync.ingest.records;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What polling, reconciliation and resyncs read of each record, and how it becomes an event. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecordsProperties.class)
class RecordsConfiguration {

  @Bean
  EntityFields entityFields(RecordsProperties properties) {
    return EntityFields.withExtra(properties.extraFields());
  }

  @Bean
  OwnerEmails ownerEmails(RecordsProperties properties, ObjectProvider<Clock> clock) {
    return new OwnerEmails(clock.getIfAvailable(Clock::systemUTC), properties.ownerEmailTtl());
  }

  @Bean
  RowChanges rowChanges(ChangeEnvelopes envelopes) {
    return new RowChanges(envelopes);
  }
}
