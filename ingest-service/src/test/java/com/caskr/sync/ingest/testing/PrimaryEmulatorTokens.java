package com.caskr.sync.ingest.testing;

import com.caskr.sync.ingest.salesforce.OrgTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For {@code @SpringBootTest}s: Salesforce tokens from real emulator sessions instead of
 * auth-service ({@link EmulatorTokens}); tests connect their companies through {@link #TOKENS}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PrimaryEmulatorTokens {

  public static final EmulatorTokens TOKENS = new EmulatorTokens();

  @Bean
  @Primary
  OrgTokens emulatorOrgTokens() {
    return TOKENS;
  }
}
