package com.caskr.sync.ingest.pubsub;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.pubsub}.
 *
 * @param enabled subscribe for every led org
 * @param batchSize events requested at a time per topic (1..100)
 * @param batchesInFlight batches per topic sent to Kafka and not yet acknowledged (1..16); the
 *     replay id still moves only past acknowledged batches
 * @param publishTimeout how long a batch may wait for Kafka before it is delivered again
 * @param checkpointInterval how often at most the replay id of a topic is written to {@code
 *     ingest.pubsub_replay_ids}: the newest position whose batch and every earlier one Kafka
 *     acknowledged, and always on a clean stop; zero writes after every batch. After a crash up to
 *     this interval of events is published again (same event ids)
 * @param reconnectInitial first pause before a reconnect after a cut stream
 * @param reconnectMax longest pause between reconnects
 * @param restartAfterFailure pause before a stopped subscription (authentication, refusal) is
 *     started again; doubles per consecutive failure up to {@code restartMax}
 * @param overflowLookback how far before a GAP_OVERFLOW event's commit the incremental poll it asks
 *     for starts: the overflowing transaction's rows carry SystemModstamps from while it ran, and
 *     no transaction runs longer than Salesforce's limits allow (minutes)
 */
@ConfigurationProperties("ingest.pubsub")
record PubSubProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("100") int batchSize,
    @DefaultValue("4") int batchesInFlight,
    @DefaultValue("30s") Duration publishTimeout,
    @DefaultValue("1s") Duration checkpointInterval,
    @DefaultValue("500ms") Duration reconnectInitial,
    @DefaultValue("30s") Duration reconnectMax,
    @DefaultValue("1m") Duration restartAfterFailure,
    @DefaultValue("15m") Duration restartMax,
    @DefaultValue("1h") Duration overflowLookback) {

  PubSubProperties {
    if (batchSize < 1 || batchSize > 100) {
      throw new IllegalArgumentException("ingest.pubsub.batch-size must be 1..100");
    }
    if (batchesInFlight < 1 || batchesInFlight > 16) {
      throw new IllegalArgumentException("ingest.pubsub.batches-in-flight must be 1..16");
    }
    if (checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("ingest.pubsub.checkpoint-interval must not be negative");
    }
    for (Duration duration :
        new Duration[] {
          publishTimeout,
          reconnectInitial,
          reconnectMax,
          restartAfterFailure,
          restartMax,
          overflowLookback
        }) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("ingest.pubsub durations must be positive");
      }
    }
  }
}
