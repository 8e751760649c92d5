package com.caskr.sync.auth.grants;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Salesforce's token and revoke endpoints: refresh, JWT bearer set-up, disconnect. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SalesforceProperties.class, JwtKeyProperties.class})
class GrantsConfiguration {

  @Bean
  SalesforceTokenGrants tokenGrants(SalesforceProperties app, JwtKeyProperties keys) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new SalesforceTokenGrants(http, app, keys.directory(), Clock.systemUTC());
  }
}
