package com.caskr.sync.auth.tokenapi;

import com.caskr.sync.authclient.ServiceCredentialVerifier;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The verifier of the callers' service credentials. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalApiProperties.class)
class TokenApiConfiguration {

  @Bean
  ServiceCredentialVerifier serviceCredentialVerifier(InternalApiProperties properties) {
    return new ServiceCredentialVerifier(properties.callers(), Clock.systemUTC());
  }
}
