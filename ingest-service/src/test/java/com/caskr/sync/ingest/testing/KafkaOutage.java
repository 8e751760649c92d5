package com.caskr.sync.ingest.testing;

import static org.awaitility.Awaitility.await;

import com.caskr.sync.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Makes one topic of the shared broker refuse every write until closed: its max.message.bytes is
 * cut to 16 bytes, so the broker answers each produce with MESSAGE_TOO_LARGE and stores nothing —
 * for the service, Kafka did not acknowledge. (Raising min.insync.replicas above the single replica
 * does not refuse writes on this KRaft broker.) Waits until the broker itself applied the change,
 * both ways.
 */
public final class KafkaOutage implements AutoCloseable {

  private static final String LIMIT = "max.message.bytes";
  private static final String REFUSING = "16";

  private final Admin admin;
  private final ConfigResource topic;

  private KafkaOutage(String topic) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()));
    this.topic = new ConfigResource(ConfigResource.Type.TOPIC, topic);
  }

  /** Starts refusing writes to {@code topic}. */
  public static KafkaOutage of(String topic) {
    var outage = new KafkaOutage(topic);
    outage.set(REFUSING);
    return outage;
  }

  @Override
  public void close() {
    try {
      set(null);
    } finally {
      admin.close();
    }
  }

  private void set(String value) {
    var op =
        new AlterConfigOp(
            new ConfigEntry(LIMIT, value),
            value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
    try {
      admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot change " + LIMIT + " of " + topic.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> REFUSING.equals(current()) == (value != null));
  }

  private String current() throws Exception {
    return admin
        .describeConfigs(List.of(topic))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(topic)
        .get(LIMIT)
        .value();
  }
}
