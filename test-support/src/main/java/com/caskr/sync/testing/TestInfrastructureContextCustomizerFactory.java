package com.caskr.sync.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  /**
   * Equal only for the same test class, so every class gets its own context, database and Kafka
   * consumer groups. The broker is shared by every context alive in the JVM; with one group per
   * service, a cached context would take partitions of another class's topics and apply its events
   * to the wrong database; a new group reading from the earliest offset would replay every other
   * class's events and connection announcements into this one's database. So each class gets its
   * own base group (services name their listeners' groups {@code
   * <spring.kafka.consumer.group-id>.<listener>}) starting at the latest offset, and the context is
   * ready only when its listeners own their partitions ({@link ListenersAssigned}).
   */
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
                      "spring.kafka.consumer.group-id",
                          testClass.getSimpleName() + "-" + UUID.randomUUID(),
                      "spring.kafka.consumer.auto-offset-reset", "latest",
                      "spring.datasource.url", database.jdbcUrl(),
                      "spring.datasource.username", database.username(),
                      "spring.datasource.password", database.password())));
      context.addApplicationListener(new ListenersAssigned());
    }
  }
}
