package com.caskr.sync.ingest.webhook;

import com.caskr.sync.ingest.change.ChangeEnvelopes;
import com.caskr.sync.ingest.change.ChangePublisher;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.metrics.IngestEvents;
import com.caskr.sync.ingest.records.OwnerEmails;
import com.caskr.sync.ingest.salesforce.OrgClients;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The JSON webhook endpoint and its secrets. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookConfiguration.class);

  @Bean
  WebhookSecrets webhookSecrets(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      WebhookProperties properties,
      ObjectProvider<Clock> clock) {
    String keyset = properties.keysetJson();
    if (keyset == null || keyset.isBlank()) {
      LOG.warn(
          "ingest.webhook.keyset-json is not set: JSON webhooks answer 503 until it is configured");
    }
    return new WebhookSecrets(
        jdbc,
        transactions,
        keyset == null || keyset.isBlank() ? null : WebhookSecretVault.fromJsonKeyset(keyset),
        clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  WebhookEventIds webhookEventIds(JdbcTemplate jdbc, WebhookProperties properties) {
    return new WebhookEventIds(jdbc, properties.claimTimeout());
  }

  @Bean
  WebhookIntake webhookIntake(
      ConnectedOrgs orgs,
      WebhookSecrets secrets,
      WebhookEventIds eventIds,
      ChangeEnvelopes envelopes,
      ChangePublisher publisher,
      OrgClients clients,
      OwnerEmails owners,
      IngestEvents events,
      ObjectProvider<Clock> clock,
      WebhookProperties properties) {
    return new WebhookIntake(
        orgs,
        secrets,
        eventIds,
        envelopes,
        publisher,
        clients,
        owners,
        events,
        clock.getIfAvailable(Clock::systemUTC),
        properties.ackTimeout());
  }

  /** {@code POST /api/salesforce/webhook/{entity}}, served outside Spring MVC. */
  @Bean
  ServletRegistrationBean<WebhookServlet> webhookServlet(
      WebhookIntake intake, IngestEvents events, WebhookProperties properties) {
    var registration =
        new ServletRegistrationBean<>(
            new WebhookServlet(intake, events, (int) properties.maxBodySize().toBytes()),
            WebhookServlet.PATH);
    registration.setName("webhooks");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
