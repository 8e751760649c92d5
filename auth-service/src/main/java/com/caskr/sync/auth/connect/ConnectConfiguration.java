package com.caskr.sync.auth.connect;

import com.caskr.sync.auth.connections.Connecting;
import com.caskr.sync.auth.connections.ConnectionStore;
import com.caskr.sync.auth.connections.PendingAuthorizations;
import com.caskr.sync.auth.connections.SalesforceConsent;
import com.caskr.sync.auth.vault.TokenVault;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connect flow behind the admin's Connect button and Salesforce's callback. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectProperties.class)
class ConnectConfiguration {

  @Bean
  Connecting connecting(
      PendingAuthorizations pending,
      SalesforceConsent salesforce,
      ConnectionStore store,
      TokenVault vault,
      ConnectProperties properties) {
    return new Connecting(
        pending, salesforce, store, vault, Clock.systemUTC(), properties.stateTtl());
  }
}
