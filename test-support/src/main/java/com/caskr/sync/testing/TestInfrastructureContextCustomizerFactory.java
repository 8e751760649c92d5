package com.caskr.sync.testing;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in META-INF/spring.factories; acts on classes marked {@link UsesTestInfrastructure}.
 */
public final class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    if (!TestContextAnnotationUtils.hasAnnotation(testClass, UsesTestInfrastructure.class)) {
      return null;
    }
    return new PointAtTestInfrastructure(testClass);
  }

  /** Equal only for the same test class, so every class gets its own context and database. */
  private record PointAtTestInfrastructure(Class<?> testClass) implements ContextCustomizer {

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      TestDatabase database = TestInfrastructure.freshDatabase(testClass.getSimpleName());
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "caskrTestInfrastructure",
                  Map.of(
                      "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                      "spring.datasource.url", database.jdbcUrl(),
                      "spring.datasource.username", database.username(),
                      "spring.datasource.password", database.password())));
    }
  }
}
