package com.caskr.sync.ingest.outbound;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.notifications.ProcessedNotifications;
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
      IngestEvents events,
      ObjectProvider<Clock> clock,
      OutboundProperties properties) {
    return new OutboundMessageIntake(
        orgs,
        processed,
        envelopes,
        publisher,
        lineItems,
        events,
        clock.getIfAvailable(Clock::systemUTC),
        properties.ackTimeout());
  }

  /**
   * Until the org clients are wired in, opportunity notifications are not acknowledged: an event
   * without its line items would tell consumers the opportunity has none.
   */
  @Bean
  OpportunityLineItems opportunityLineItems() {
    return (org, opportunityId) -> {
      throw new OpportunityLineItems.LineItemsUnavailable(
          "Line items of " + opportunityId + " cannot be read yet", null);
    };
  }
}
