package com.caskr.sync.emulator.outbound;

import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.Orgs;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the outbound-message sender. Its retry schedule runs on the wall clock, scaled by {@code
 * emulator.outbound.time-scale}; record data comes from the orgs (and their clock) at send time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundSettings.class)
class OutboundConfiguration {

  @Bean(destroyMethod = "close")
  OutboundMessages outboundMessages(
      Orgs orgs, Tokens tokens, OutboundSettings settings, MeterRegistry registry) {
    return new OutboundMessages(
        orgs, tokens, settings, new OutboundMetrics(registry), Clock.systemUTC());
  }
}
