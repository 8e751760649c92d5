package com.caskr.sync.schema.topics;

import com.caskr.sync.schema.events.SyncEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One Kafka topic of the sync: its name, key format, the event record its values hold and how it is
 * created.
 *
 * @param keyFormat the record key, human-readable, e.g. {@code <orgId18>/<recordId18>}
 * @param valueType the event record every value deserialises to
 * @param retention how long records are kept; null exactly when the policy is {@link
 *     CleanupPolicy#COMPACT} (compacted topics keep the latest record per key forever)
 */
public record Topic(
    String name,
    String keyFormat,
    Class<? extends SyncEvent> valueType,
    int partitions,
    Duration retention,
    CleanupPolicy cleanupPolicy) {

  /** Suffix of dead-letter topics. */
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9\\-]*(\\.[a-z0-9\\-]+)+");

  public Topic {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Topic name must be dotted lowercase words: " + name);
    }
    if (keyFormat == null || keyFormat.isBlank()) {
      throw new IllegalArgumentException(name + ": keyFormat must not be blank");
    }
    if (valueType == null) {
      throw new IllegalArgumentException(name + ": valueType must not be null");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be at least 1");
    }
    if (cleanupPolicy == null) {
      throw new IllegalArgumentException(name + ": cleanupPolicy must not be null");
    }
    switch (cleanupPolicy) {
      case DELETE -> {
        if (retention == null || retention.isNegative() || retention.isZero()) {
          throw new IllegalArgumentException(name + ": a delete topic needs a positive retention");
        }
      }
      case COMPACT -> {
        if (retention != null) {
          throw new IllegalArgumentException(name + ": a compacted topic has no retention");
        }
      }
    }
  }

  public boolean isDeadLetter() {
    return name.endsWith(DEAD_LETTER_SUFFIX);
  }

  /** The topic a dead-letter topic belongs to; the name itself for a base topic. */
  public String baseName() {
    return isDeadLetter() ? name.substring(0, name.length() - DEAD_LETTER_SUFFIX.length()) : name;
  }

  /**
   * The {@code <name>.dlq} topic where poison messages of this topic go: same key format, value
   * type and partitions (so a redrive keeps per-key order), kept 30 days.
   */
  public Topic deadLetter() {
    if (isDeadLetter()) {
      throw new IllegalStateException(name + " is already a dead-letter topic");
    }
    return new Topic(
        name + DEAD_LETTER_SUFFIX,
        keyFormat,
        valueType,
        partitions,
        DEAD_LETTER_RETENTION,
        CleanupPolicy.DELETE);
  }

  /** The topic configs that differ from broker defaults: cleanup.policy and retention.ms. */
  public Map<String, String> configs() {
    return switch (cleanupPolicy) {
      case DELETE ->
          Map.of(
              TopicConfig.CLEANUP_POLICY_CONFIG,
              cleanupPolicy.configValue(),
              TopicConfig.RETENTION_MS_CONFIG,
              Long.toString(retention.toMillis()));
      case COMPACT -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
    };
  }

  /** For an admin client or spring-kafka's KafkaAdmin; replication factor is the broker default. */
  public NewTopic newTopic() {
    return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs());
  }

  /** As {@link #newTopic()} with an explicit replication factor. */
  public NewTopic newTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs());
  }
}
