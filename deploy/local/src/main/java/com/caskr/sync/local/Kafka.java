package com.caskr.sync.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (combined broker + controller) inside the launcher's JVM.
 *
 * <p>Built on Kafka's own {@link KafkaClusterTestKit} rather than spring-kafka-test's {@code
 * EmbeddedKafkaKraftBroker}, which wraps it: the wrapper ignores {@code kafkaPorts(..)} in KRaft
 * mode and always logs to a temporary directory. The test kit binds its own listeners to random
 * ports, so the fixed port is an extra listener, {@code LOCAL}, which is the one clients get.
 */
final class Kafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Kafka.class);
  private static final String CLIENT_LISTENER = "LOCAL";

  private final KafkaClusterTestKit cluster;
  private final int port;

  private Kafka(KafkaClusterTestKit cluster, int port) {
    this.cluster = cluster;
    this.port = port;
  }

  static Kafka start(int port, Path dataDirectory) throws Exception {
    // A fatal broker error calls Exit.exit/halt; halting would skip the shutdown hook and leave
    // the service processes running. Log it and let the stack carry on or be stopped instead.
    Exit.setExitProcedure(
        (code, message) -> log.error("Kafka asked to exit({}): {}", code, message));
    Exit.setHaltProcedure(
        (code, message) -> log.error("Kafka asked to halt({}): {}", code, message));

    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(dataDirectory)
            .build();
    String broker = nodes.brokerListenerName().value();
    String controller = nodes.controllerListenerName().value();
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp(
                "listeners",
                "%s://localhost:0,%s://localhost:0,%s://localhost:%d"
                    .formatted(broker, controller, CLIENT_LISTENER, port))
            .setConfigProp(
                "listener.security.protocol.map",
                "%s:PLAINTEXT,%s:PLAINTEXT,%s:PLAINTEXT"
                    .formatted(broker, controller, CLIENT_LISTENER))
            // One broker: internal topics cannot have more replicas than that.
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
            .setConfigProp("share.coordinator.state.topic.min.isr", "1")
            .setConfigProp("auto.create.topics.enable", "true")
            .setConfigProp("num.partitions", "4")
            // Consumers of a fresh group start at once instead of after the default 3 s.
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    try {
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new Kafka(cluster, port);
  }

  /**
   * Formatting the storage prints to System.out, which is the launcher's console; log it instead.
   * Nothing else writes to System.out while the broker and PostgreSQL start.
   */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      cluster.format();
    } finally {
      System.setOut(console);
      log.info("format: {}", printed.toString(StandardCharsets.UTF_8).strip());
    }
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
