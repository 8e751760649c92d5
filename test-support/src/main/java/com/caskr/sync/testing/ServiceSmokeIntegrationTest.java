package com.caskr.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What every service proves about its own configuration, against real Kafka and PostgreSQL: its
 * migrations apply in its own schemas, an event survives its producer and consumer settings, every
 * catalogue topic exists with its partitions, and only health and prometheus are exposed.
 *
 * <p>A service's test extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * supplies a sample event of a topic it produces or consumes.
 */
@UsesTestInfrastructure
public abstract class ServiceSmokeIntegrationTest {

  private final String applicationName;
  private final List<String> schemas;

  @LocalServerPort private int port;
  @Autowired private DataSource dataSource;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;
  @Autowired private KafkaAdmin kafkaAdmin;

  protected ServiceSmokeIntegrationTest(String applicationName, List<String> schemas) {
    this.applicationName = applicationName;
    this.schemas = schemas;
  }

  /** An event this service produces or consumes, as it would travel in production. */
  protected abstract SyncEvent sampleEvent();

  /**
   * The {@code Authorization} header of a signed-in admin, for a service behind admin-security
   * (whose other paths otherwise answer 401 or a login redirect, not 404); null when none is
   * needed.
   */
  protected String adminAuthorization() {
    return null;
  }

  @Test
  void appliesItsMigrationsInItsOwnSchemas() {
    schemas.forEach(schema -> MigrationHistory.assertAppliedSuccessfully(dataSource, schema));
  }

  @Test
  void roundTripsAnEventThroughItsOwnKafkaConfiguration() {
    SyncEvent event = sampleEvent();
    String topic = TopicCatalogue.topicFor(event).name();

    var record = KafkaRoundTrip.sendAndReceive(kafka, consumers, topic, event.kafkaKey(), event);

    assertThat(record.value()).isEqualTo(event);
  }

  @Test
  void declaresEveryCatalogueTopicWithItsPartitions() {
    List<Topic> topics = TopicCatalogue.allWithDeadLetters();
    Map<String, TopicDescription> described =
        kafkaAdmin.describeTopics(topics.stream().map(Topic::name).toArray(String[]::new));

    for (Topic topic : topics) {
      assertThat(described).containsKey(topic.name());
      assertThat(described.get(topic.name()).partitions())
          .as("partitions of %s", topic.name())
          .hasSize(topic.partitions());
    }
  }

  @Test
  void exposesOnlyHealthAndPrometheus() {
    ServiceProbes.assertExposesOnlyHealthAndPrometheus(port, applicationName, adminAuthorization());
  }
}
