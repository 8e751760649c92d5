package com.caskr.sync.mapping.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.caskrdomain.CaskrDomainSchema;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.Customer;
import com.caskr.sync.schema.events.CustomerSynced;
import com.caskr.sync.schema.events.CustomerType;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.events.SyncOutcome;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.kafka.EventDeserializer;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.ServiceFlyway;
import com.caskr.sync.testing.Sql;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outbox on a real PostgreSQL and the shared Kafka broker: events become visible on their topic
 * only after the transaction that wrote them commits, in order, and survive a broker that is
 * unreachable; the relay deletes the rows Kafka acknowledged and only those.
 */
class OutboxIntegrationTest {

  private static final String TOPIC = TopicCatalogue.CASKR_CUSTOMER_SYNCED.name();
  private static final SalesforceId ORG = SalesforceId.of("00D5g000004ABCD");

  /** The golden samples (shared-schema) of every event the service appends to the outbox. */
  private static final List<String> CARRIED_SAMPLES =
      List.of(
          "customer-synced",
          "order-synced",
          "portal-user-synced",
          "conflict-detected",
          "conflict-resolved",
          "salesforce-record-changed");

  private static final List<Topic> CARRIED =
      List.of(
          TopicCatalogue.CASKR_CUSTOMER_SYNCED,
          TopicCatalogue.CASKR_ORDER_SYNCED,
          TopicCatalogue.CASKR_PORTAL_USER_SYNCED,
          TopicCatalogue.SYNC_CONFLICT_DETECTED,
          TopicCatalogue.SYNC_CONFLICT_RESOLVED,
          TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED,
          TopicCatalogue.SALESFORCE_CONTACT_CHANGED,
          TopicCatalogue.SALESFORCE_OPPORTUNITY_CHANGED);

  private static final AtomicLong COMPANIES = new AtomicLong(System.nanoTime() % 1_000_000 + 1);

  private static DataSource dataSource;
  private static DataSourceTransactionManager transactionManager;
  private static TransactionTemplate transactions;
  private static JdbcClient jdbc;
  private static DefaultKafkaProducerFactory<String, byte[]> producers;
  private static OutboxRelay relay;
  private static final AtomicInteger COMMITS = new AtomicInteger();
  private static Outbox outbox;

  @BeforeAll
  static void setUp() throws Exception {
    dataSource = TestInfrastructure.freshDatabase("outbox").dataSource();
    CaskrDomainSchema.migrate(dataSource);
    ServiceFlyway.configuredAsTheService(dataSource).migrate();
    transactionManager = new DataSourceTransactionManager(dataSource);
    transactions = new TransactionTemplate(transactionManager);
    jdbc = JdbcClient.create(dataSource);
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
      for (Topic topic : CARRIED) {
        try {
          admin.createTopics(List.of(topic.newTopic())).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
    producers = producerFactory(TestInfrastructure.kafkaBootstrapServers());
    relay =
        new OutboxRelay(
            jdbc, transactions, new KafkaTemplate<>(producers), 50, Duration.ofSeconds(30));
    outbox = new Outbox(jdbc, COMMITS::incrementAndGet);
  }

  @AfterAll
  static void tearDown() {
    producers.destroy();
  }

  @Test
  void publishesRowsInOrderOnlyAfterTheirTransactionCommits() throws Exception {
    long company = COMPANIES.incrementAndGet();
    List<CustomerSynced> events =
        List.of(synced(company, 1), synced(company, 1), synced(company, 1));
    int commitsBefore = COMMITS.get();

    TransactionStatus open = transactionManager.getTransaction(new DefaultTransactionDefinition());
    events.forEach(outbox::append);
    CompletableFuture.supplyAsync(OutboxIntegrationTest::drain).get();
    transactionManager.commit(open);

    assertThat(COMMITS.get())
        .as("one wake-up per committed transaction")
        .isEqualTo(commitsBefore + 1);
    assertThat(rows(company)).as("the relay pass during the transaction left them").isEqualTo(3);
    drain();

    assertThat(rows(company)).isZero();
    assertThat(consumeEventIds(company, 3))
        .containsExactlyElementsOf(events.stream().map(SyncEvent::eventId).toList());
  }

  @Test
  void rolledBackTransactionLeavesNothingToPublish() throws SQLException {
    long company = COMPANIES.incrementAndGet();
    TransactionStatus open = transactionManager.getTransaction(new DefaultTransactionDefinition());
    outbox.append(synced(company, 1));
    transactionManager.rollback(open);

    assertThat(
            Sql.strings(
                dataSource,
                "SELECT id::text FROM mapping.outbox_events WHERE company_id = " + company))
        .isEmpty();
  }

  @Test
  void storesThePayloadAsTheProducersSerializerWroteIt() {
    long company = COMPANIES.incrementAndGet();
    CustomerSynced event = synced(company, 1);
    transactions.executeWithoutResult(status -> outbox.append(event));
    try {
      assertThat(
              jdbc.sql("SELECT payload FROM mapping.outbox_events WHERE company_id = ?")
                  .param(company)
                  .query(String.class)
                  .single())
          .as("the relay sends the stored text: not parsed and rendered again by jsonb")
          .isEqualTo(
              new String(new EventSerializer().serialize(TOPIC, event), StandardCharsets.UTF_8));
    } finally {
      drain();
    }
  }

  @Test
  void refusesToAppendOutsideATransaction() {
    assertThatThrownBy(() -> outbox.append(synced(COMPANIES.incrementAndGet(), 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transaction");
  }

  @Test
  void keepsRowsWhileKafkaIsUnreachableAndPublishesThemLater() throws Exception {
    long company = COMPANIES.incrementAndGet();
    List<CustomerSynced> events = List.of(synced(company, 1), synced(company, 1));
    transactions.executeWithoutResult(status -> events.forEach(outbox::append));

    DefaultKafkaProducerFactory<String, byte[]> unreachable =
        producerFactory("127.0.0.1:" + closedPort());
    try {
      OutboxRelay cutOff =
          new OutboxRelay(
              jdbc, transactions, new KafkaTemplate<>(unreachable), 50, Duration.ofSeconds(5));
      assertThatThrownBy(cutOff::publishPending).isInstanceOf(OutboxPublishFailed.class);
    } finally {
      unreachable.destroy();
    }
    assertThat(rows(company)).isEqualTo(2);

    drain();
    assertThat(rows(company)).isZero();
    assertThat(consumeEventIds(company, 2))
        .containsExactlyElementsOf(events.stream().map(SyncEvent::eventId).toList());
  }

  @Test
  void deletesTheRowsKafkaAcknowledgedAndLeavesOnlyTheRestForTheNextAttempt() throws Exception {
    long company = COMPANIES.incrementAndGet();
    CustomerSynced first = synced(company, 1, "Copper Still Tavern");
    CustomerSynced oversized = synced(company, 1, "Copper Still Tavern " + "x".repeat(8_000));
    CustomerSynced last = synced(company, 1, "Copper Still Tavern & Bar");
    transactions.executeWithoutResult(
        status -> List.of(first, oversized, last).forEach(outbox::append));
    List<Long> ids = rowIds(company);
    assertThat(ids).hasSize(3);

    // A producer that refuses records over 4 KB: Kafka never acknowledges the oversized event.
    DefaultKafkaProducerFactory<String, byte[]> limited =
        producerFactory(
            TestInfrastructure.kafkaBootstrapServers(),
            Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4096));
    try {
      OutboxRelay refusing =
          new OutboxRelay(
              jdbc, transactions, new KafkaTemplate<>(limited), 50, Duration.ofSeconds(30));
      assertThatThrownBy(refusing::publishPending)
          .isInstanceOf(OutboxPublishFailed.class)
          .hasMessageContaining("outbox row " + ids.get(1) + ":");
    } finally {
      limited.destroy();
    }
    assertThat(rowIds(company))
        .as("the acknowledged row is deleted; the refused one and the one behind it stay")
        .containsExactly(ids.get(1), ids.get(2));
    assertThat(relay.pending()).isEqualTo(2);

    drain();
    assertThat(rowIds(company)).as("published rows are deleted").isEmpty();
    assertThat(relay.pending()).isZero();
    List<UUID> published = consumeEventIds(company, 3);
    assertThat(published)
        .as("the next attempt sends what was left, in order")
        .containsSubsequence(first.eventId(), oversized.eventId(), last.eventId());
    assertThat(published)
        .as("a deleted row is not sent again")
        .filteredOn(first.eventId()::equals)
        .hasSize(1);
  }

  @Test
  void twoRelaysPublishEveryRowOnceAndKeepPerKeyOrder() throws Exception {
    long company = COMPANIES.incrementAndGet();
    Map<Long, List<UUID>> appendedPerCustomer = new LinkedHashMap<>();
    List<UUID> all = new ArrayList<>();
    for (int round = 0; round < 15; round++) {
      for (long customer = 1; customer <= 10; customer++) {
        CustomerSynced event = synced(company, customer);
        transactions.executeWithoutResult(status -> outbox.append(event));
        appendedPerCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(event.eventId());
        all.add(event.eventId());
      }
    }
    OutboxRelay second =
        new OutboxRelay(
            jdbc, transactions, new KafkaTemplate<>(producers), 7, Duration.ofSeconds(30));
    OutboxRelay first =
        new OutboxRelay(
            jdbc, transactions, new KafkaTemplate<>(producers), 11, Duration.ofSeconds(30));

    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> drainWith(first, company));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> drainWith(second, company));
    CompletableFuture.allOf(a, b).get();

    List<ConsumerRecord<String, SyncEvent>> records = consume(company, all.size());
    assertThat(records).extracting(r -> r.value().eventId()).doesNotHaveDuplicates();
    assertThat(records)
        .extracting(r -> r.value().eventId())
        .containsExactlyInAnyOrderElementsOf(all);
    Map<Long, List<UUID>> publishedPerCustomer = new HashMap<>();
    for (ConsumerRecord<String, SyncEvent> record : records) {
      CustomerSynced event = (CustomerSynced) record.value();
      assertThat(record.key()).isEqualTo(event.kafkaKey());
      assertThat(new String(record.headers().lastHeader(OutboxRelay.EVENT_ID_HEADER).value()))
          .isEqualTo(event.eventId().toString());
      publishedPerCustomer
          .computeIfAbsent(event.customer().id(), c -> new ArrayList<>())
          .add(event.eventId());
    }
    assertThat(publishedPerCustomer).isEqualTo(appendedPerCustomer);
  }

  @Test
  void consumersReadEveryCarriedEventAsItWasAppendedWithItsHeaders() throws Exception {
    List<SyncEvent> appended = new ArrayList<>();
    for (String sample : CARRIED_SAMPLES) {
      try (Stream<Path> files =
          Files.list(Path.of("../shared-schema/src/test/resources/golden", sample, "v1"))) {
        for (Path file : files.sorted().toList()) {
          Topic topic = TopicCatalogue.byName(topicOf(sample, file)).orElseThrow();
          // A fresh event id: other tests in this JVM may publish the same sample.
          ObjectNode json = (ObjectNode) EventJson.mapper().readTree(Files.readString(file));
          json.put("eventId", UUID.randomUUID().toString());
          appended.add(EventJson.mapper().treeToValue(json, topic.valueType()));
        }
      }
    }
    assertThat(appended)
        .extracting(TopicCatalogue::topicFor)
        .as("the samples cover every topic the outbox carries")
        .containsAll(CARRIED);
    transactions.executeWithoutResult(status -> appended.forEach(outbox::append));
    drain();

    Map<UUID, ConsumerRecord<String, SyncEvent>> relayed =
        consumeByEventId(appended.stream().map(SyncEvent::eventId).toList());
    for (SyncEvent event : appended) {
      ConsumerRecord<String, SyncEvent> record = relayed.get(event.eventId());
      assertThat(record.topic()).isEqualTo(TopicCatalogue.topicFor(event).name());
      assertThat(record.key()).isEqualTo(event.kafkaKey());
      assertThat(record.value()).as(record.topic()).isEqualTo(event);
      assertThat(record.headers().toArray())
          .extracting(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8))
          .containsExactly(
              OutboxRelay.EVENT_ID_HEADER + "=" + event.eventId(),
              OutboxRelay.TRACE_ID_HEADER + "=" + event.traceId());
    }
  }

  @Test
  void refusesARowForATopicOutsideTheCatalogueAndKeepsIt() {
    long company = COMPANIES.incrementAndGet();
    jdbc.sql(
            "INSERT INTO mapping.outbox_events (company_id, topic, message_key, payload, headers)"
                + " VALUES (?, 'caskr.nowhere.v1', 'k', '{}', '{}')")
        .param(company)
        .update();
    List<Long> ids = rowIds(company);
    try {
      assertThatThrownBy(relay::publishPending)
          .isInstanceOf(OutboxPublishFailed.class)
          .hasMessageContaining("outbox row " + ids.get(0) + ":");
      assertThat(rowIds(company)).isEqualTo(ids);
    } finally {
      jdbc.sql("DELETE FROM mapping.outbox_events WHERE company_id = ?").param(company).update();
    }
  }

  /** The catalogue topic of a golden sample: a Salesforce change's topic follows its object. */
  private static String topicOf(String sample, Path file) throws IOException {
    if (!sample.equals("salesforce-record-changed")) {
      return CARRIED.get(CARRIED_SAMPLES.indexOf(sample)).name();
    }
    return TopicCatalogue.topicFor(
            EventJson.mapper()
                .readValue(
                    Files.readString(file), TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.valueType()))
        .name();
  }

  private static void drainWith(OutboxRelay relay, long company) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              relay.publishPending();
              return rows(company) == 0;
            });
  }

  /** Publishes everything still in the outbox in the class's database with the class's relay. */
  private static int drain() {
    int total = 0;
    int published;
    while ((published = relay.publishPending()) > 0) {
      total += published;
    }
    return total;
  }

  /** The company's rows still in the outbox: the relay deletes what Kafka acknowledged. */
  private static long rows(long company) {
    return jdbc.sql("SELECT count(*) FROM mapping.outbox_events WHERE company_id = ?")
        .param(company)
        .query(Long.class)
        .single();
  }

  private static List<Long> rowIds(long company) {
    return jdbc.sql("SELECT id FROM mapping.outbox_events WHERE company_id = ? ORDER BY id")
        .param(company)
        .query(Long.class)
        .list();
  }

  /** A consumer of committed events from the start of the topics, as downstream services read. */
  private static KafkaConsumer<String, SyncEvent> committedReader() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "outbox-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new EventDeserializer());
  }

  private static List<UUID> consumeEventIds(long company, int expected) {
    return consume(company, expected).stream().map(r -> r.value().eventId()).toList();
  }

  private static List<ConsumerRecord<String, SyncEvent>> consume(long company, int expected) {
    List<ConsumerRecord<String, SyncEvent>> mine = new ArrayList<>();
    try (KafkaConsumer<String, SyncEvent> consumer = committedReader()) {
      consumer.subscribe(List.of(TOPIC));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, SyncEvent> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.value().tenant().companyId() == company) {
                    mine.add(record);
                  }
                }
                return mine.size() >= expected;
              });
      // Anything published twice would arrive right behind; give it one more poll.
      for (ConsumerRecord<String, SyncEvent> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.value().tenant().companyId() == company) {
          mine.add(record);
        }
      }
    }
    return mine;
  }

  private static Map<UUID, ConsumerRecord<String, SyncEvent>> consumeByEventId(List<UUID> ids) {
    Map<UUID, ConsumerRecord<String, SyncEvent>> mine = new HashMap<>();
    try (KafkaConsumer<String, SyncEvent> consumer = committedReader()) {
      consumer.subscribe(CARRIED.stream().map(Topic::name).toList());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, SyncEvent> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (ids.contains(record.value().eventId())) {
                    assertThat(mine.put(record.value().eventId(), record)).isNull();
                  }
                }
                return mine.size() == ids.size();
              });
    }
    return mine;
  }

  private static CustomerSynced synced(long company, long customerId) {
    return synced(company, customerId, "Copper Still Tavern");
  }

  private static CustomerSynced synced(long company, long customerId, String name) {
    SalesforceId account = SalesforceId.of("001000000000001AAA");
    return new CustomerSynced(
        UUID.randomUUID(),
        CustomerSynced.SCHEMA_VERSION,
        new Tenant(company, ORG),
        new Customer(
            customerId,
            name,
            CustomerType.ON_PREMISE,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "USA",
            null,
            true,
            account),
        account,
        SyncOutcome.UPDATED,
        UUID.randomUUID(),
        Instant.now(),
        "trace-outbox");
  }

  private static DefaultKafkaProducerFactory<String, byte[]> producerFactory(String bootstrap) {
    return producerFactory(bootstrap, Map.of());
  }

  private static DefaultKafkaProducerFactory<String, byte[]> producerFactory(
      String bootstrap, Map<String, Object> overrides) {
    Map<String, Object> config =
        new HashMap<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    config.putAll(overrides);
    return new DefaultKafkaProducerFactory<>(config);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
