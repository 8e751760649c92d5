package com.caskr.sync.ingest.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped application.yml: the token API secret comes from the environment only. */
class SalesforceSettingsTest {

  @Test
  void mainConfigurationHasNoUsableAuthServiceSecret() throws IOException {
    SalesforceProperties properties = bind(Map.of());

    assertThat(properties.authServiceSecret()).isBlank();
    assertThat(properties.authServiceUrl()).hasToString("http://localhost:8081");
  }

  @Test
  void authServiceSecretAndUrlComeFromTheirEnvironmentVariables() throws IOException {
    SalesforceProperties properties =
        bind(
            Map.of(
                "INGEST_AUTH_SERVICE_SECRET", "a-caller-secret-of-at-least-32-bytes!!",
                "INGEST_AUTH_SERVICE_URL", "http://auth-service:8081"));

    assertThat(properties.authServiceSecret()).isEqualTo("a-caller-secret-of-at-least-32-bytes!!");
    assertThat(properties.authServiceUrl()).hasToString("http://auth-service:8081");
  }

  private static SalesforceProperties bind(Map<String, Object> environmentVariables)
      throws IOException {
    var environment = new StandardEnvironment();
    var sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.addFirst(new MapPropertySource("environment", environmentVariables));
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(sources::addLast);
    return Binder.get(environment).bindOrCreate("ingest.salesforce", SalesforceProperties.class);
  }
}
