package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.schema.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream's own metrics: {@code crm_replay_lag_seconds{org,topic}} (how far behind Salesforce's
 * commit the last handled event was; 0 once a keepalive shows nothing is waiting), {@code
 * crm_pubsub_replay_resets_total{topic}} (a stored replay id was refused: resubscribed from
 * EARLIEST and a reconciliation requested), and {@code
 * crm_pubsub_subscription_failures_total{topic,reason}} (a subscription stopped and will be
 * restarted after a pause).
 */
final class StreamMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lagMillis = new ConcurrentHashMap<>();

  StreamMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void lag(Tenant tenant, StreamTopic topic, Duration lag) {
    String key = tenant.orgId().value() + topic.topicName();
    lagMillis
        .computeIfAbsent(
            key,
            k -> {
              var holder = new AtomicLong();
              Gauge.builder("crm.replay.lag", holder, value -> value.get() / 1000.0)
                  .baseUnit("seconds")
                  .description(
                      "Age of the newest Pub/Sub event handled, at the time it was handled")
                  .tag("org", tenant.orgId().value())
                  .tag("topic", topic.topicName())
                  .register(registry);
              return holder;
            })
        .set(Math.max(0, lag.toMillis()));
  }

  void replayReset(StreamTopic topic) {
    Counter.builder("crm.pubsub.replay.resets")
        .description("Stored replay ids Salesforce refused (expired or corrupted)")
        .tag("topic", topic.topicName())
        .register(registry)
        .increment();
  }

  void subscriptionFailed(StreamTopic topic, String reason) {
    Counter.builder("crm.pubsub.subscription.failures")
        .description("Pub/Sub subscriptions that stopped on an unrecoverable error")
        .tag("topic", topic.topicName())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
