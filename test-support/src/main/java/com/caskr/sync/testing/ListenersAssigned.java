package com.caskr.sync.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Holds a test context's start until each of its running Kafka listener containers owns every
 * partition of its topics. The context's groups are new and start at the latest offset (see {@link
 * TestInfrastructureContextCustomizerFactory}); once a partition was assigned, the container has
 * committed its position, so nothing a test publishes after the context started can be missed, and
 * nothing other test classes published before it is read.
 */
public final class ListenersAssigned implements ApplicationListener<ContextRefreshedEvent> {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Override
  public void onApplicationEvent(ContextRefreshedEvent event) {
    await(event.getApplicationContext());
  }

  /**
   * Returns once every running listener container of {@code context} owns all partitions of its
   * topics; for a service started outside the test context framework with {@code
   * auto-offset-reset=latest}.
   */
  public static void await(ApplicationContext context) {
    if (context.getBeanNamesForType(KafkaListenerEndpointRegistry.class).length == 0) {
      return;
    }
    List<MessageListenerContainer> running =
        context.getBean(KafkaListenerEndpointRegistry.class).getAllListenerContainers().stream()
            .filter(MessageListenerContainer::isRunning)
            .toList();
    if (running.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + LIMIT.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
      for (MessageListenerContainer container : running) {
        awaitAssigned(admin, container, deadline);
      }
    }
  }

  private static void awaitAssigned(
      Admin admin, MessageListenerContainer container, long deadline) {
    String[] topics = container.getContainerProperties().getTopics();
    if (topics == null || topics.length == 0) {
      return;
    }
    Optional<Set<TopicPartition>> all = Optional.empty();
    Set<TopicPartition> missing = Set.of();
    while (System.nanoTime() < deadline) {
      if (all.isEmpty()) {
        all = partitions(admin, List.of(topics), deadline);
      }
      if (all.isPresent()) {
        missing = new HashSet<>(all.get());
        Collection<TopicPartition> assigned = container.getAssignedPartitions();
        if (assigned != null) {
          missing.removeAll(assigned);
        }
        if (missing.isEmpty()) {
          return;
        }
      }
      sleep();
    }
    throw new IllegalStateException(
        "Listener %s was not assigned %s within %s; a test could publish before it reads"
            .formatted(container.getListenerId(), missing, LIMIT));
  }

  /** Every partition of the topics; empty while one is not created yet (by the first fetch). */
  private static Optional<Set<TopicPartition>> partitions(
      Admin admin, List<String> topics, long deadline) {
    try {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(topics)
              .allTopicNames()
              .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      Set<TopicPartition> all = new HashSet<>();
      described.forEach(
          (topic, description) ->
              description
                  .partitions()
                  .forEach(partition -> all.add(new TopicPartition(topic, partition.partition()))));
      return Optional.of(all);
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for listener assignments", e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for listener assignments", e);
    }
  }
}
