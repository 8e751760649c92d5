package com.caskr.sync.auth.jwtsetup;

import com.caskr.sync.auth.connections.ConnectionStore;
import com.caskr.sync.auth.connections.JwtBearerConnect;
import com.caskr.sync.auth.connections.JwtBearerConnections;
import com.caskr.sync.auth.connections.JwtBearerGrants;
import com.caskr.sync.auth.vault.TokenVault;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Server-to-server connections an admin sets up with a key and certificate. */
@Configuration(proxyBeanMethods = false)
class JwtSetupConfiguration {

  @Bean
  JwtBearerConnect jwtBearerConnect(
      ConnectionStore store,
      JwtBearerGrants grants,
      JwtBearerConnections connections,
      TokenVault vault) {
    return new JwtBearerConnect(store, grants, connections, vault, Clock.systemUTC());
  }
}
