package com.caskr.sync.auth.refresh;

import com.caskr.sync.auth.connections.ConnectionStore;
import com.caskr.sync.auth.connections.ConnectionTokens;
import com.caskr.sync.auth.connections.TokenGrants;
import com.caskr.sync.auth.vault.TokenVault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token handout with its refresh, counted and logged. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokensProperties.class)
class RefreshConfiguration {

  @Bean
  MeteredRefreshObserver refreshObserver(MeterRegistry meters) {
    return new MeteredRefreshObserver(meters);
  }

  @Bean
  ConnectionTokens connectionTokens(
      ConnectionStore store,
      TokenGrants grants,
      TokenVault vault,
      MeteredRefreshObserver observer,
      TokensProperties properties) {
    return new ConnectionTokens(
        store,
        grants,
        vault,
        observer,
        Clock.systemUTC(),
        Thread::sleep,
        properties.sessionTimeout(),
        properties.skew());
  }
}
