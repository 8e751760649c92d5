package com.caskr.sync.ingest.salesforce;

import com.caskr.sync.authclient.ConnectionTokenClient;
import com.caskr.sync.authclient.ServiceCredentials;
import com.caskr.sync.salesforce.pubsub.Endpoint;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds {@link OrgClients} over auth-service's token API (tests supply their own tokens). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SalesforceProperties.class)
class SalesforceConfiguration {

  private static final String SERVICE = "ingest-service";

  @Bean
  @ConditionalOnMissingBean
  OrgTokens orgTokens(SalesforceProperties properties) {
    String secret = properties.authServiceSecret();
    if (secret == null || secret.isBlank()) {
      return new OrgTokens() {
        @Override
        public OrgToken current(long companyId) {
          throw unconfigured();
        }

        @Override
        public OrgToken refresh(long companyId, OrgToken rejected) {
          throw unconfigured();
        }
      };
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new AuthServiceTokens(
        new ConnectionTokenClient(
            http,
            properties.authServiceUrl(),
            new ServiceCredentials(SERVICE, secret, Clock.systemUTC()),
            properties.tokenTimeout()));
  }

  @Bean
  OrgClients orgClients(OrgTokens tokens, SalesforceProperties properties) {
    Endpoint endpoint =
        properties.pubsubPlaintext()
            ? Endpoint.plaintext(properties.pubsubHost(), properties.pubsubPort())
            : Endpoint.tls(properties.pubsubHost(), properties.pubsubPort());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new OrgClients(http, tokens, endpoint);
  }

  private static IllegalStateException unconfigured() {
    return new IllegalStateException(
        "ingest.salesforce.auth-service-secret is not set: no Salesforce token can be drawn");
  }
}
