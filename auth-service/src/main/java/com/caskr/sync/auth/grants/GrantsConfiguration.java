package com.caskr.sync.auth.grants;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Salesforce's OAuth endpoints: the refresh, JWT bearer set-up, disconnect (revoke), and the
 * connect flow's authorize and exchange.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  SalesforceProperties.class,
  WebServerFlowProperties.class,
  JwtKeyProperties.class
})
class GrantsConfiguration {

  /** One client for every OAuth call; Salesforce's redirects are never followed. */
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Bean
  LoginHosts loginHosts(WebServerFlowProperties flow) {
    return LoginHosts.of(flow.login());
  }

  @Bean
  SalesforceTokenGrants tokenGrants(
      SalesforceProperties app, LoginHosts loginHosts, JwtKeyProperties keys) {
    return new SalesforceTokenGrants(http, app, loginHosts, keys.directory(), Clock.systemUTC());
  }

  @Bean
  SalesforceWebServerFlow salesforceWebServerFlow(
      SalesforceProperties app, WebServerFlowProperties flow, LoginHosts loginHosts) {
    return new SalesforceWebServerFlow(http, app, flow, loginHosts, Clock.systemUTC());
  }
}
