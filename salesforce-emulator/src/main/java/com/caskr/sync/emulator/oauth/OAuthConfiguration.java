package com.caskr.sync.emulator.oauth;

import com.caskr.sync.emulator.org.Orgs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the OAuth core; {@link Tokens} is the context's {@link Sessions}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
class OAuthConfiguration {

  @Bean
  Tokens sessions(Orgs orgs) {
    return new Tokens(orgs.clock());
  }

  @Bean
  ConnectedApps connectedApps(OAuthProperties properties) {
    return new ConnectedApps(properties.sessionTimeout());
  }

  @Bean
  Credentials credentials(OAuthProperties properties) {
    return new Credentials(properties.defaultPassword());
  }

  @Bean
  IdTokens idTokens() {
    return new IdTokens();
  }

  @Bean
  OAuthServer oauthServer(
      Orgs orgs,
      ConnectedApps connectedApps,
      Credentials credentials,
      Tokens tokens,
      IdTokens idTokens) {
    return new OAuthServer(orgs, connectedApps, credentials, tokens, idTokens);
  }
}
