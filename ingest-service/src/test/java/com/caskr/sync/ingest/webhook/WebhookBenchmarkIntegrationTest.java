package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark: signed JSON webhook → Kafka ack → 202, over real HTTP into the real broker (issue 5's
 * goal: ≥ 3,000 requests/s with p99 ≤ 20 ms). Smoke sizes in every build (asserting only that the
 * harness works and every request landed); {@code -Dbenchmark.mode=medium} (2 runs of 5,000, paced
 * at 1,000/s) for a profile, {@code -Dbenchmark.mode=full} for the real sizes:
 *
 * <pre>
 * ./mvnw -B verify -pl salesforce-emulator,salesforce-api,ingest-service -am -Dtest=NONE \
 *   -Dit.test=WebhookBenchmarkIntegrationTest -Dbenchmark.mode=full \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Requests are signed before the clock starts. Two kinds of run:
 *
 * <ul>
 *   <li>saturation (closed loop): {@code requests} webhooks from {@code concurrency} virtual
 *       threads over {@code clients} pooled keep-alive HTTP/1.1 clients, as fast as they are
 *       answered: the most the service takes per second. Its latencies include the queueing that
 *       saturation causes;
 *   <li>paced (open loop): {@code pacedRequests} webhooks sent on a fixed schedule of {@code
 *       pacedRate} per second (the goal's rate) over at most {@value #MAX_PACED_IN_FLIGHT}
 *       connections, each timed from its scheduled send time, so a slow answer hides nothing (no
 *       coordinated omission): the p99 a sender sees at that rate, and the rate actually answered.
 * </ul>
 *
 * One warm-up run of each is discarded; the report gives median, min and max of the measured runs,
 * on stdout and in {@code target/benchmarks/webhook-<mode>.json}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // The webhook path alone: no Pub/Sub, polls or reconciliations of the benchmark's org.
      "ingest.pubsub.enabled=false",
      "ingest.polling.enabled=false",
      "ingest.reconcile.enabled=false"
    })
@UsesTestInfrastructure
class WebhookBenchmarkIntegrationTest {

  private static final String PASSWORD = "benchmark password";
  private static final long COMPANY = 5_900;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_PACED_IN_FLIGHT = 256;

  /** {@code -Dbenchmark.paced-rate=N}: pace at N requests/s instead of the goal's rate. */
  private static final String PACED_RATE = "benchmark.paced-rate";

  /**
   * Sizes of one mode: {@code concurrency} requests in flight, spread over {@code clients} HTTP
   * clients (each with its own selector thread and keep-alive connection pool, so the client side
   * does not cap the rate).
   */
  record Settings(
      String mode,
      int requests,
      int concurrency,
      int clients,
      int measuredRuns,
      int pacedRate,
      int pacedRequests) {

    static Settings of(String mode) {
      return switch (mode) {
        case "full" ->
            new Settings(mode, 20_000, 64, 4, 5, Integer.getInteger(PACED_RATE, 3_000), 15_000);
        case "medium" ->
            new Settings(mode, 5_000, 64, 4, 2, Integer.getInteger(PACED_RATE, 1_000), 5_000);
        case "smoke" -> new Settings(mode, 60, 4, 1, 1, Integer.getInteger(PACED_RATE, 200), 60);
        default ->
            throw new IllegalArgumentException("benchmark.mode must be smoke, medium or full");
      };
    }
  }

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("ingest.webhook.keyset-json", WebhookSecretVault::newJsonKeyset);
    registry.add("caskr.admin.users[0].username", () -> "bench");
    registry.add(
        "caskr.admin.users[0].password-hash",
        () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD));
    registry.add("caskr.admin.users[0].role", () -> "ADMIN");
    registry.add("caskr.admin.users[0].companies", () -> "*");
    registry.add("logging.level.com.caskr.sync.ingest", () -> "WARN");
  }

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConnectedOrgs orgs;

  @Test
  void webhooksReachKafkaThenReportsThroughputAndP99() throws Exception {
    Settings settings = Settings.of(System.getProperty("benchmark.mode", "smoke"));
    SalesforceId org = SalesforceId.of("00D" + String.format("%012d", COMPANY));
    var connected = Connections.changed(COMPANY, org, ConnectionState.CONNECTED);
    kafka
        .send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), connected.kafkaKey(), connected)
        .join();
    await().atMost(Duration.ofSeconds(30)).until(() -> orgs.byOrgId(org).isPresent());
    byte[] secret = SecretRotation.newSecret(port, COMPANY, "bench", PASSWORD);

    List<Double> throughput = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> median = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Double> baselineP99 = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> pacedAnswered = new ArrayList<>();
    List<Double> pacedP99 = new ArrayList<>();
    List<Double> pacedMedian = new ArrayList<>();
    int sent = 0;
    List<HttpClient> clients = new ArrayList<>();
    try {
      for (int c = 0; c < settings.clients(); c++) {
        clients.add(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build());
      }
      for (int run = 0; run <= settings.measuredRuns(); run++) {
        Run result =
            run(clients, settings, webhooks(settings.requests(), org, secret), 202, run == 0);
        sent += settings.requests();
        Run raw = run(clients, settings, healthChecks(settings), 200, run == 0);
        Run paced =
            paced(
                clients,
                settings.pacedRate(),
                webhooks(settings.pacedRequests(), org, secret),
                run == 0);
        sent += settings.pacedRequests();
        if (run > 0) {
          pacedAnswered.add(paced.perSecond());
          pacedP99.add(paced.percentileMillis(0.99));
          pacedMedian.add(paced.percentileMillis(0.50));
          throughput.add(result.perSecond());
          p99.add(result.percentileMillis(0.99));
          median.add(result.percentileMillis(0.50));
          baseline.add(raw.perSecond());
          baselineP99.add(raw.percentileMillis(0.99));
          ratio.add(result.perSecond() / raw.perSecond());
        }
      }
    } finally {
      clients.forEach(HttpClient::close);
    }

    var measurements =
        List.of(
            new Result(
                "paced " + settings.pacedRate() + "/s: answered",
                "requests/s",
                3_000,
                true,
                pacedAnswered),
            new Result(
                "paced " + settings.pacedRate() + "/s: p99 latency", "ms", 20, false, pacedP99),
            new Result("paced " + settings.pacedRate() + "/s: median", "ms", 0, false, pacedMedian),
            new Result("saturated: throughput", "requests/s", 3_000, true, throughput),
            new Result("saturated: p99 latency (queueing)", "ms", 0, false, p99),
            new Result("saturated: median latency", "ms", 0, false, median),
            new Result("baseline GET /actuator/health", "requests/s", 0, true, baseline),
            new Result("baseline GET /actuator/health p99", "ms", 0, false, baselineP99),
            new Result("webhook / baseline throughput", "ratio", 0, true, ratio));
    String table = report(settings, measurements);
    System.out.print(table);
    assertThat(throughput).hasSize(settings.measuredRuns()).allMatch(v -> v > 0);
    assertThat(p99).allMatch(v -> v > 0);
    assertThat(pacedP99).hasSize(settings.measuredRuns()).allMatch(v -> v > 0);
    if (settings.mode().equals("smoke")) {
      assertThat(ChangeLog.ofCompany(COMPANY)).hasSize(sent);
    }
  }

  private record Run(long nanos, long[] latencies) {

    double perSecond() {
      return latencies.length / (nanos / 1e9);
    }

    double percentileMillis(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  private record Result(
      String name, String unit, double goal, boolean higherIsBetter, List<Double> values) {

    double median() {
      List<Double> sorted = values.stream().sorted().toList();
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1
          ? sorted.get(middle)
          : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
  }

  /**
   * The settings' number of GET /actuator/health requests: the same clients, Tomcat, security chain
   * and JSON answer without the webhook's work, so the ratio to it says how much of the machine the
   * webhook path itself takes (meaningful on a busy machine too).
   */
  private List<HttpRequest> healthChecks(Settings settings) {
    URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    List<HttpRequest> requests = new ArrayList<>(settings.requests());
    for (int i = 0; i < settings.requests(); i++) {
      requests.add(HttpRequest.newBuilder(uri).GET().build());
    }
    return requests;
  }

  /** {@code count} signed webhooks, each with its own event id. */
  private List<HttpRequest> webhooks(int count, SalesforceId org, byte[] secret) {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/salesforce/webhook/account");
    long t = Instant.now().getEpochSecond();
    List<HttpRequest> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String record = SalesforceId.of("001" + String.format("%012d", i % 5_000)).value();
      byte[] body =
          """
          {"event_id": "%s", "event_type": "updated", "organization_id": "%s",
           "timestamp": "2026-11-22T09:00:00Z",
           "data": {"Id": "%s", "Name": "Cask %d", "Industry": "Hospitality",
                    "SystemModstamp": "2026-11-22T09:00:00.000+0000"}}
          """
              .formatted(UUID.randomUUID(), org.value(), record, i)
              .getBytes(StandardCharsets.UTF_8);
      requests.add(
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .header(WebhookSignature.HEADER, WebhookSignature.header(secret, t, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build());
    }
    return requests;
  }

  /**
   * One run of {@code requests}. A measured run must have every request answered {@code expected};
   * the warm-up (first producer send, JIT, connection pools on a busy CI machine) may see a Kafka
   * ack time out, which the webhook answers 503 as it should — its sender retries.
   */
  private static Run run(
      List<HttpClient> clients,
      Settings settings,
      List<HttpRequest> requests,
      int expected,
      boolean warmUp)
      throws Exception {
    long[] latencies = new long[requests.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < settings.concurrency(); w++) {
        HttpClient http = clients.get(w % clients.size());
        workers.submit(
            () -> {
              for (int i = next.getAndIncrement();
                  i < requests.size();
                  i = next.getAndIncrement()) {
                long sentAt = System.nanoTime();
                try {
                  var response = http.send(requests.get(i), HttpResponse.BodyHandlers.discarding());
                  if (response.statusCode() != expected) {
                    failures.incrementAndGet();
                  }
                } catch (IOException | InterruptedException e) {
                  failures.incrementAndGet();
                }
                latencies[i] = System.nanoTime() - sentAt;
              }
              return null;
            });
      }
    }
    long nanos = System.nanoTime() - start;
    if (!warmUp) {
      assertThat(failures.get()).as("requests not answered " + expected).isZero();
    }
    return new Run(nanos, latencies);
  }

  /**
   * One open-loop run: request {@code i} is sent at {@code start + i / rate} whatever the answers
   * before it are doing, and its latency runs from that scheduled time to its answer. The run's
   * rate is requests over the time until the last answer.
   */
  private static Run paced(
      List<HttpClient> clients, int rate, List<HttpRequest> requests, boolean warmUp)
      throws Exception {
    long[] latencies = new long[requests.size()];
    long[] answeredAt = new long[requests.size()];
    AtomicInteger failures = new AtomicInteger();
    long interval = 1_000_000_000L / rate;
    // As wrk2 does: a bounded number of connections (each request in flight holds one); a request
    // that waits for one still counts from its scheduled time.
    Semaphore connections = new Semaphore(MAX_PACED_IN_FLIGHT);
    long start = System.nanoTime();
    try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < requests.size(); i++) {
        long scheduled = start + i * interval;
        long wait = scheduled - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        HttpClient http = clients.get(i % clients.size());
        HttpRequest request = requests.get(i);
        int index = i;
        senders.submit(
            () -> {
              try {
                connections.acquire();
                try {
                  if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                      != 202) {
                    failures.incrementAndGet();
                  }
                } finally {
                  connections.release();
                }
              } catch (IOException | InterruptedException e) {
                failures.incrementAndGet();
              }
              answeredAt[index] = System.nanoTime();
              latencies[index] = answeredAt[index] - scheduled;
              return null;
            });
      }
    }
    if (!warmUp) {
      assertThat(failures.get()).as("paced requests not answered 202").isZero();
    }
    return new Run(Arrays.stream(answeredAt).max().orElseThrow() - start, latencies);
  }

  private static String report(Settings settings, List<Result> results) throws IOException {
    var table = new StringBuilder("Webhook benchmark (" + settings + ")\n");
    table.append(
        String.format(
            Locale.ROOT,
            "%-38s %10s %10s %10s %5s %10s %s%n",
            "benchmark",
            "median",
            "min",
            "max",
            "runs",
            "goal",
            "unit"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      double min = r.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = r.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      table.append(
          String.format(
              Locale.ROOT,
              "%-38s %10.2f %10.2f %10.2f %5d %10s %s%n",
              r.name(),
              r.median(),
              min,
              max,
              r.values().size(),
              r.goal() > 0 ? (r.higherIsBetter() ? ">= " : "<= ") + (long) r.goal() : "-",
              r.unit()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", r.name());
      row.put("unit", r.unit());
      row.put("median", r.median());
      row.put("min", min);
      row.put("max", max);
      row.put("values", r.values());
      row.put("goal", r.goal() > 0 ? r.goal() : null);
      row.put("higherIsBetter", r.higherIsBetter());
      rows.add(row);
    }
    Path directory = Path.of("target", "benchmarks");
    Files.createDirectories(directory);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("mode", settings.mode());
    document.put("finishedAt", Instant.now().toString());
    document.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    document.put(
        "settings",
        Map.of(
            "requests",
            settings.requests(),
            "concurrency",
            settings.concurrency(),
            "clients",
            settings.clients(),
            "pacedRate",
            settings.pacedRate(),
            "pacedRequests",
            settings.pacedRequests()));
    document.put("measurements", rows);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(directory.resolve("webhook-" + settings.mode() + ".json").toFile(), document);
    return table.toString();
  }
}
