package com.caskr.sync.auth.keyring;

import com.caskr.sync.auth.vault.TokenVault;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/** The token vault from the configured keyset, and the job that follows key rotations. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
@EnableScheduling
class KeyringConfiguration {

  @Bean
  TokenVault tokenVault(VaultProperties properties) {
    return KeysetFile.load(properties.keyset());
  }

  @Bean
  ReEncryption reEncryption(
      JdbcClient jdbc, TransactionTemplate transactions, TokenVault vault, MeterRegistry meters) {
    return new ReEncryption(jdbc, transactions, vault, meters);
  }
}
