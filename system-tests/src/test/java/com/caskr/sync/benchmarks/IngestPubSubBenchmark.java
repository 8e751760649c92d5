package com.caskr.sync.benchmarks;

import com.caskr.sync.emulator.SalesforceEmulatorApplication;
import com.caskr.sync.emulator.oauth.ConnectedApp;
import com.caskr.sync.emulator.oauth.ConnectedApps;
import com.caskr.sync.emulator.oauth.Tokens;
import com.caskr.sync.emulator.org.NewUser;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.emulator.org.Orgs;
import com.caskr.sync.emulator.org.seed.RecordGenerator;
import com.caskr.sync.emulator.pubsub.PubSubServer;
import com.caskr.sync.ingest.IngestServiceApplication;
import com.caskr.sync.ingest.salesforce.OrgToken;
import com.caskr.sync.ingest.salesforce.OrgTokens;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConnectionChanged;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEnvironment;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.kafka.EventSerializer;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.TestDatabase;
import com.caskr.sync.testing.TestInfrastructure;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pub/Sub CDC → Kafka through ingest-service (issue #5's goal: ≥ 10,000 events/s). The emulator and
 * one ingest-service run in-process against the shared test broker and PostgreSQL. Each run seeds a
 * fresh org with N accounts (N CDC events waiting), connects it, and measures from the connection
 * announcement until all N envelopes are acknowledged in {@code salesforce.account.changed.v1}:
 * subscription start, gRPC delivery with flow control, Avro decoding, envelope building, the Kafka
 * round trip per batch and the replay-id write per batch. After each run a bare subscriber reads
 * another fresh org's N events in the same JVM (emulator, gRPC and Avro decoding only), and the
 * ingest path's share of that raw rate is reported: on a busy machine the ratio is what compares.
 *
 * <p>{@code -Dbenchmark.mode=full} (the default of {@link #main}) or {@code smoke}; the JSON report
 * goes to {@code -Dbenchmark.output} (default {@code target/benchmarks}).
 */
public final class IngestPubSubBenchmark {

  /**
   * @param events accounts seeded per run, so CDC events to carry into Kafka
   */
  record Settings(String mode, int events, int warmups, int runs) {

    /**
     * The mode's sizes; {@code -Dbenchmark.events} overrides the events per run (for profiling).
     */
    static Settings of(String mode) {
      Settings sizes = sizes(mode);
      int events = Integer.getInteger("benchmark.events", sizes.events());
      if (events < 1) {
        throw new IllegalArgumentException("benchmark.events must be positive, not " + events);
      }
      return new Settings(sizes.mode(), events, sizes.warmups(), sizes.runs());
    }

    private static Settings sizes(String mode) {
      return switch (mode) {
        case "full" -> new Settings("full", 100_000, 1, 5);
        case "smoke" -> new Settings("smoke", 200, 1, 2);
        default ->
            throw new IllegalArgumentException("benchmark.mode is full or smoke, not " + mode);
      };
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("events", events);
      map.put("warmups", warmups);
      map.put("runs", runs);
      return map;
    }
  }

  private IngestPubSubBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(System.getProperty("benchmark.mode", "full"));
    run(settings, Path.of(System.getProperty("benchmark.output", "target/benchmarks")), System.out);
  }

  static List<Measurement> run(Settings settings, Path output, PrintStream out) throws Exception {
    var tokens = new MintedTokens();
    try (ConfigurableApplicationContext emulator =
            SalesforceEmulatorApplication.startInProcess("--logging.level.root=WARN");
        ConfigurableApplicationContext ingest =
            startIngest(emulator, tokens, TestInfrastructure.freshDatabase("ingest_benchmark"));
        var producer = producer()) {
      List<Double> eventsPerSecond = new ArrayList<>();
      List<Double> barePerSecond = new ArrayList<>();
      List<Double> shares = new ArrayList<>();
      // Companies nobody else on the shared broker uses.
      long companies = 900_000L + (System.currentTimeMillis() % 50_000) * 10;
      for (int run = 0; run < settings.warmups() + settings.runs(); run++) {
        Org org = seededOrg(emulator, run, settings.events());
        long company = companies + run;
        tokens.connect(emulator, company, org);
        try (var counter = new Counter(org.id())) {
          long started = System.nanoTime();
          announce(producer, company, org, baseUrl(emulator));
          counter.awaitCount(settings.events(), Duration.ofMinutes(10));
          double seconds = (System.nanoTime() - started) / 1e9;
          double bare = bareSubscriber(emulator, run, settings.events());
          if (run >= settings.warmups()) {
            eventsPerSecond.add(settings.events() / seconds);
            barePerSecond.add(bare);
            shares.add(100 * settings.events() / seconds / bare);
          }
        }
      }
      List<Measurement> measurements =
          List.of(
              new Measurement(
                  "Pub/Sub CDC to Kafka ack", "events/s", 10_000, true, eventsPerSecond),
              new Measurement(
                  "Bare subscriber, same stream", "events/s", 20_000, true, barePerSecond),
              new Measurement("Ingest / bare subscriber", "%", 50, true, shares));
      BenchmarkReport.print(
          "ingest-service Pub/Sub benchmark, mode "
              + settings.mode()
              + " ("
              + Runtime.getRuntime().availableProcessors()
              + " cores, "
              + settings.events()
              + " events per run, "
              + settings.warmups()
              + " warm-up run(s) discarded)",
          measurements,
          settings.mode().equals("full"),
          out);
      Path file =
          BenchmarkReport.write(
              output, "ingest-pubsub-" + settings.mode(), settings.asMap(), measurements);
      out.println("Written to " + file.toAbsolutePath());
      return measurements;
    }
  }

  private static ConfigurableApplicationContext startIngest(
      ConfigurableApplicationContext emulator, OrgTokens tokens, TestDatabase database) {
    int pubSubPort = emulator.getBean(PubSubServer.class).port();
    return new SpringApplicationBuilder(IngestServiceApplication.class)
        .initializers(
            context -> context.getBeanFactory().registerSingleton("benchmarkTokens", tokens))
        .run(
            // ingest-service's own application.yml: the emulator's jar has one too.
            "--spring.config.location=" + OwnConfiguration.of(IngestServiceApplication.class),
            "--spring.main.banner-mode=off",
            "--server.port=0",
            "--logging.level.root=WARN",
            "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--ingest.salesforce.pubsub-host=127.0.0.1",
            "--ingest.salesforce.pubsub-port=" + pubSubPort,
            "--ingest.salesforce.pubsub-plaintext=true",
            "--ingest.leadership.check-interval=200ms",
            // Only the Pub/Sub path: an initial-load poll would publish the same record keys.
            "--ingest.polling.enabled=false",
            "--ingest.reconcile.enabled=false");
  }

  private static Org seededOrg(ConfigurableApplicationContext emulator, int run, int accounts) {
    String user = "ingest-bench" + run + "-" + UUID.randomUUID() + "@benchmark.example";
    Org org =
        emulator
            .getBean(Orgs.class)
            .create(
                Orgs.Definition.named(
                    "Ingest benchmark " + run, new NewUser(user, "Bea", "Bench", user)));
    RecordGenerator.generate(org, RecordGenerator.Volume.accounts(accounts), run);
    return org;
  }

  /**
   * The raw baseline of one run: the same number of account CDC events of another fresh org, read
   * from EARLIEST and Avro-decoded by a bare subscriber with the same flow control and nothing
   * behind it (no envelopes, no Kafka, no database). Events per second.
   */
  private static double bareSubscriber(
      ConfigurableApplicationContext emulator, int run, int accounts) throws Exception {
    Org org = seededOrg(emulator, run, accounts);
    ConnectedApp app = emulator.getBean(ConnectedApps.class).create(org.id(), "Baseline", null);
    String token =
        emulator.getBean(Tokens.class).issue(app, org.adminUserId(), Set.of("api")).token();
    int port = emulator.getBean(PubSubServer.class).port();
    try (var subscriber = new CdcSubscriber(port, token, baseUrl(emulator), org.id())) {
      long started = System.nanoTime();
      long decoded = subscriber.receive("/data/AccountChangeEvent", "Account", accounts, 600);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (decoded != accounts) {
        throw new IllegalStateException("The bare subscriber decoded " + decoded + " accounts");
      }
      return accounts / seconds;
    } finally {
      // Nobody reads it again: keep the emulator's heap to the ingest runs' orgs.
      emulator.getBean(Orgs.class).remove(org.id());
    }
  }

  private static String baseUrl(ConfigurableApplicationContext emulator) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) emulator).getWebServer().getPort();
  }

  private static KafkaProducer<String, SyncEvent> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new EventSerializer());
  }

  private static void announce(
      KafkaProducer<String, SyncEvent> producer, long company, Org org, String instanceUrl)
      throws Exception {
    var changed =
        new ConnectionChanged(
            UUID.randomUUID(),
            ConnectionChanged.SCHEMA_VERSION,
            new Tenant(company, SalesforceId.of(org.id())),
            ConnectionState.CONNECTED,
            null,
            SalesforceEnvironment.PRODUCTION,
            URI.create(instanceUrl),
            null,
            Instant.now(),
            "benchmark-" + UUID.randomUUID());
    producer
        .send(
            new ProducerRecord<>(
                TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), changed.kafkaKey(), changed))
        .get(30, TimeUnit.SECONDS);
  }

  /** Counts account envelopes of one org that reached Kafka after it was created. */
  private static final class Counter implements AutoCloseable {

    private final String orgId;
    private final KafkaConsumer<String, byte[]> consumer;

    Counter(String orgId) {
      this.orgId = SalesforceId.of(orgId).value();
      this.consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  TestInfrastructure.kafkaBootstrapServers(),
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      String topic = TopicCatalogue.SALESFORCE_ACCOUNT_CHANGED.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }

    void awaitCount(int expected, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      Set<String> keys = ConcurrentHashMap.newKeySet();
      while (keys.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Only " + keys.size() + " of " + expected + " events reached Kafka in " + timeout);
        }
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          if (record.key() != null && record.key().startsWith(orgId)) {
            keys.add(record.key());
          }
        }
      }
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** Emulator sessions minted directly, standing in for auth-service's token API. */
  private static final class MintedTokens implements OrgTokens {

    private final Map<Long, Org> orgs = new ConcurrentHashMap<>();
    private final Map<Long, ConfigurableApplicationContext> emulators = new ConcurrentHashMap<>();

    void connect(ConfigurableApplicationContext emulator, long company, Org org) {
      orgs.put(company, org);
      emulators.put(company, emulator);
    }

    @Override
    public OrgToken current(long companyId) {
      Org org = orgs.get(companyId);
      if (org == null) {
        throw new IllegalStateException("company " + companyId + " is not connected");
      }
      ConfigurableApplicationContext emulator = emulators.get(companyId);
      ConnectedApp app = emulator.getBean(ConnectedApps.class).create(org.id(), "Benchmark", null);
      String token =
          emulator.getBean(Tokens.class).issue(app, org.adminUserId(), Set.of("api")).token();
      return new OrgToken(
          token, URI.create(baseUrl(emulator)), SalesforceId.of(org.id()), Instant.now());
    }

    @Override
    public OrgToken refresh(long companyId, OrgToken rejected) {
      return current(companyId);
    }
  }
}
