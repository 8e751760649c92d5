package com.caskr.sync.auth.grants;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Salesforce's token endpoint for the refresh. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SalesforceProperties.class)
class GrantsConfiguration {

  @Bean
  SalesforceTokenGrants tokenGrants(SalesforceProperties app) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new SalesforceTokenGrants(http, app, Clock.systemUTC());
  }
}
