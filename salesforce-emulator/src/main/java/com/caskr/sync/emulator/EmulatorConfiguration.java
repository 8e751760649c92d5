package com.caskr.sync.emulator;

import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.DemoDistillery;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orgs the emulator hosts: the demo distillery org is seeded at start-up. */
@Configuration(proxyBeanMethods = false)
class EmulatorConfiguration {

  @Bean
  Orgs orgs() {
    var orgs = new Orgs(Clock.systemUTC());
    DemoDistillery.create(orgs);
    return orgs;
  }
}
