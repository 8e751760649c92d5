package com.caskr.sync.mapping.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The dev admin lives in the {@code local} profile only, with the password its comment names. */
class LocalProfileTest {

  /** Documented in application-local.yml and mapping-service's README. */
  private static final String DOCUMENTED_PASSWORD = "caskr-local-admin";

  @Test
  void theLocalAdminsDocumentedPasswordMatchesItsHash() throws IOException {
    PropertySource<?> local = load("application-local.yml");

    assertThat(local.getProperty("caskr.admin.users[0].username")).hasToString("admin");
    String hash = String.valueOf(local.getProperty("caskr.admin.users[0].password-hash"));
    var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    assertThat(encoder.matches(DOCUMENTED_PASSWORD, hash)).isTrue();
    assertThat(encoder.matches("caskr-local-admin ", hash)).isFalse();
  }

  @Test
  void theMainConfigurationShipsNoAdminUser() throws IOException {
    PropertySource<?> main = load("application.yml");

    assertThat(main.getProperty("caskr.admin.users[0].username")).isNull();
    assertThat(main.getProperty("caskr.admin.users[0].password-hash")).isNull();
  }

  private static PropertySource<?> load(String file) throws IOException {
    List<PropertySource<?>> documents =
        new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
    assertThat(documents).hasSize(1);
    return documents.getFirst();
  }
}
