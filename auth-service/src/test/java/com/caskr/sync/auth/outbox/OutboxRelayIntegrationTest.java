package com.caskr.sync.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.kafka.EventDeserializer;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay on real PostgreSQL and the real broker: order, acknowledgements, a broker that does not
 * answer, a restart, two instances at once.
 */
class OutboxRelayIntegrationTest {

  private static final String TOPIC = TopicCatalogue.AUTH_CONNECTION_CHANGED.name();
  private static final OutboxProperties SETTINGS =
      new OutboxProperties(
          Duration.ofMillis(200), 100, Duration.ofSeconds(30), Duration.ofSeconds(5));

  private static JdbcClient jdbc;
  private static TransactionTemplate transactions;

  private final List<DefaultKafkaProducerFactory<String, SyncEvent>> producers = new ArrayList<>();
  private long company;

  @BeforeAll
  static void databaseAndTopic() throws Exception {
    TestDatabase database = TestInfrastructure.freshDatabase("outbox relay");
    ServiceFlyway.configuredAsTheService(database.dataSource()).migrate();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.jdbcUrl());
    dataSource.setUser(database.username());
    dataSource.setPassword(database.password());
    dataSource.setCurrentSchema("auth");
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
      admin
          .createTopics(List.of(TopicCatalogue.AUTH_CONNECTION_CHANGED.newTopic((short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  @BeforeEach
  void freshCompany() {
    // The topic is shared by every test of this JVM; this test's records are the ones keyed by
    // a company nobody else uses.
    company = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
  }

  @AfterEach
  void closeProducers() {
    producers.forEach(DefaultKafkaProducerFactory::destroy);
  }

  @Test
  void publishesEveryRowOnceInOrderWhenTwoInstancesRelayAtOnce() throws Exception {
    List<UUID> written = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      written.add(append(i % 2 == 0 ? ConnectionState.NEEDS_RECONNECT : ConnectionState.CONNECTED));
    }
    OutboxRelay first = relay(TestInfrastructure.kafkaBootstrapServers(), Clock.systemUTC());
    OutboxRelay second = relay(TestInfrastructure.kafkaBootstrapServers(), Clock.systemUTC());

    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> drain(first));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> drain(second));
    a.get(120, TimeUnit.SECONDS);
    b.get(120, TimeUnit.SECONDS);

    assertThat(unpublished()).isZero();
    assertThat(eventIdsOnTheTopic()).containsExactlyElementsOf(written);
  }

  @Test
  void keepsARowWhileKafkaIsDownPublishesItOnceKafkaAnswersAndNotAgainAfterARestart()
      throws Exception {
    UUID eventId = append(ConnectionState.NEEDS_RECONNECT);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T09:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    OutboxRelay cutOff = relay("127.0.0.1:" + freePort(), clock);

    assertThat(cutOff.publishPending()).isZero();
    assertThat(unpublished()).isEqualTo(1);
    assertThat(attempts(eventId)).isEqualTo(1);
    assertThat(lastError(eventId)).contains("Timeout");
    assertThat(cutOff.publishPending()).as("paused after the failure").isZero();
    assertThat(attempts(eventId)).isEqualTo(1);
    now.set(now.get().plus(SETTINGS.interval()));
    assertThat(cutOff.publishPending()).isZero();
    assertThat(attempts(eventId)).as("retried once the pause was over").isEqualTo(2);

    OutboxRelay reachable = relay(TestInfrastructure.kafkaBootstrapServers(), Clock.systemUTC());
    assertThat(reachable.publishPending()).isEqualTo(1);
    assertThat(unpublished()).isZero();

    OutboxRelay restarted = relay(TestInfrastructure.kafkaBootstrapServers(), Clock.systemUTC());
    assertThat(restarted.publishPending()).isZero();
    assertThat(eventIdsOnTheTopic()).as("published once").containsExactly(eventId);
  }

  private UUID append(ConnectionState state) {
    ConnectionChanged event =
        new ConnectionChanged(
            UUID.randomUUID(),
            ConnectionChanged.SCHEMA_VERSION,
            new Tenant(company, SalesforceId.of("00D000000000042")),
            state,
            null,
            SalesforceEnvironment.PRODUCTION,
            URI.create("https://kinsale.my.salesforce.com"),
            "relay test",
            Instant.now(),
            "trace-relay-test");
    jdbc.sql(
            """
            insert into outbox_events (event_id, company_id, topic, message_key, payload)
            values (:eventId, :company, :topic, :key, cast(:payload as jsonb))
            """)
        .param("eventId", event.eventId())
        .param("company", company)
        .param("topic", TOPIC)
        .param("key", event.kafkaKey())
        .param("payload", EventJson.mapper().writeValueAsString(event))
        .update();
    return event.eventId();
  }

  private void drain(OutboxRelay relay) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              relay.publishPending();
              return unpublished() == 0;
            });
  }

  private OutboxRelay relay(String bootstrapServers, Clock clock) {
    DefaultKafkaProducerFactory<String, SyncEvent> factory =
        new DefaultKafkaProducerFactory<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                EventSerializer.class));
    producers.add(factory);
    return new OutboxRelay(jdbc, transactions, new KafkaTemplate<>(factory), SETTINGS, clock);
  }

  private long unpublished() {
    return jdbc.sql(
            "select count(*) from outbox_events where published_at is null and company_id = ?")
        .param(company)
        .query(Long.class)
        .single();
  }

  private int attempts(UUID eventId) {
    return jdbc.sql("select attempts from outbox_events where event_id = ?")
        .param(eventId)
        .query(Integer.class)
        .single();
  }

  private String lastError(UUID eventId) {
    return jdbc.sql("select last_error from outbox_events where event_id = ?")
        .param(eventId)
        .query(String.class)
        .single();
  }

  /**
   * This test's events on the topic, in partition order (one key, so one partition): everything up
   * to the end offsets of now, which include every record the relay saw acknowledged.
   */
  private List<UUID> eventIdsOnTheTopic() {
    try (KafkaConsumer<String, SyncEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new EventDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(info -> new TopicPartition(TOPIC, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<UUID> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, SyncEvent> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key().equals(Long.toString(company))) {
            seen.add(record.value().eventId());
          }
        }
      }
      return seen;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
