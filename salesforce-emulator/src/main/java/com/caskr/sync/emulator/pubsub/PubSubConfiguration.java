package com.caskr.sync.emulator.pubsub;

import com.caskr.sync.emulator.oauth.Sessions;
import com.caskr.sync.emulator.org.Orgs;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Pub/Sub API: every org's event bus and the gRPC server in front of it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PubSubProperties.class)
class PubSubConfiguration {

  @Bean
  EventBus eventBus(Orgs orgs, PubSubProperties properties) {
    return new EventBus(orgs, properties.retention());
  }

  @Bean
  PubSubServer pubSubServer(
      EventBus bus, Sessions sessions, Orgs orgs, PubSubProperties properties) {
    ExecutorService deliveries =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pubsub-delivery-", 0).factory());
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pubsub-timer").daemon().factory());
    var endpoint =
        new PubSubEndpoint(
            bus, deliveries, timers, properties.keepalive(), properties.idleTimeout());
    return new PubSubServer(
        properties.port(), endpoint, new PubSubGate(sessions, orgs), deliveries, timers);
  }
}
