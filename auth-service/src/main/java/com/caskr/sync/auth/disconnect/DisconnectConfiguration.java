package com.caskr.sync.auth.disconnect;

import com.caskr.sync.auth.connections.ConnectionStore;
import com.caskr.sync.auth.connections.Disconnection;
import com.caskr.sync.auth.connections.TokenRevocation;
import com.caskr.sync.auth.vault.TokenVault;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An admin's disconnect: revoke at Salesforce, wipe the tokens, announce it. */
@Configuration(proxyBeanMethods = false)
class DisconnectConfiguration {

  @Bean
  Disconnection disconnection(ConnectionStore store, TokenRevocation revocation, TokenVault vault) {
    return new Disconnection(store, revocation, vault, Clock.systemUTC());
  }
}
