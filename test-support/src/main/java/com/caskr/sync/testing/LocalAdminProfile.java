package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Checks a service's admin users against ADR 0011: the dev admin lives in the {@code local} profile
 * only ({@code application-local.yml}), with the password the READMEs name; the main configuration
 * ships none.
 */
public final class LocalAdminProfile {

  /** Documented in each application-local.yml, the services' and deploy/local's READMEs. */
  public static final String DOCUMENTED_PASSWORD = "caskr-local-admin";

  private LocalAdminProfile() {}

  /** The {@code local} profile's admin is "admin" with {@link #DOCUMENTED_PASSWORD}. */
  public static void assertTheLocalAdminHasTheDocumentedPassword() {
    PropertySource<?> local = load("application-local.yml");

    assertThat(local.getProperty("caskr.admin.users[0].username")).hasToString("admin");
    String hash = String.valueOf(local.getProperty("caskr.admin.users[0].password-hash"));
    var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    assertThat(encoder.matches(DOCUMENTED_PASSWORD, hash)).isTrue();
    assertThat(encoder.matches(DOCUMENTED_PASSWORD + " ", hash)).isFalse();
  }

  /** {@code application.yml} names no admin user. */
  public static void assertTheMainConfigurationShipsNoAdmin() {
    PropertySource<?> main = load("application.yml");

    assertThat(main.getProperty("caskr.admin.users[0].username")).isNull();
    assertThat(main.getProperty("caskr.admin.users[0].password-hash")).isNull();
  }

  private static PropertySource<?> load(String file) {
    try {
      List<PropertySource<?>> documents =
          new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
      assertThat(documents).as(file + " is one YAML document").hasSize(1);
      return documents.getFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
