package com.caskr.sync.ingest.outbound;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.notifications.ProcessedNotifications;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.ingest.salesforce.OrgClients;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Outbound Message endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundProperties.class)
class OutboundConfiguration {

  @Bean
  OutboundMessageIntake outboundMessageIntake(
      ConnectedOrgs orgs,
      ProcessedNotifications processed,
      ChangeEnvelopes envelopes,
      ChangePublisher publisher,
      OpportunityLineItems lineItems,
      OrgClients clients,
      OwnerEmails owners,
      IngestEvents events,
      ObjectProvider<Clock> clock,
      OutboundProperties properties) {
    return new OutboundMessageIntake(
        orgs,
        processed,
        envelopes,
        publisher,
        lineItems,
        clients,
        owners,
        events,
        clock.getIfAvailable(Clock::systemUTC),
        properties.ackTimeout());
  }

  @Bean
  OpportunityLineItems opportunityLineItems(OrgClients clients) {
    return new RestOpportunityLineItems(clients);
  }
}
