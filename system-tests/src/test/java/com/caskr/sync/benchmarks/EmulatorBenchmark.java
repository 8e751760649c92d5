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
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The emulator's own benchmark (issue #3: the emulator must never be the bottleneck): seeding
 * 100,000 accounts, reading them through REST query paging over HTTP, and receiving their CDC
 * events over Pub/Sub gRPC with decoding. The emulator runs in this JVM as deployed (random ports);
 * each benchmark repeats after discarded warm-up runs and reports the median and the spread.
 *
 * <p>{@code -Dbenchmark.mode=full} (the default of {@link #main}) uses the issue's sizes; {@code
 * smoke} uses tiny ones and only proves the harness works. Results go to stdout and to {@code
 * target/benchmarks/<mode>.json}.
 */
public final class EmulatorBenchmark {

  static final String API_VERSION = "62.0";
  private static final String SOQL =
      "SELECT Id, Name, Industry, BillingCity, AnnualRevenue, Caskr_Customer_Id__c, SystemModstamp"
          + " FROM Account";

  /**
   * How big and how often.
   *
   * @param accounts accounts seeded per run, then read and streamed as CDC
   * @param warmups runs before the measured ones, discarded
   * @param runs measured runs per benchmark
   * @param batchSize the {@code Sforce-Query-Options} batch size of the query benchmark
   */
  record Settings(String mode, int accounts, int warmups, int runs, int batchSize) {

    static Settings of(String mode) {
      return switch (mode) {
        case "full" -> new Settings("full", 100_000, 1, 5, 2_000);
        case "smoke" -> new Settings("smoke", 300, 1, 3, 100);
        default ->
            throw new IllegalArgumentException("benchmark.mode is full or smoke, not " + mode);
      };
    }

    /** Only the issue's sizes say anything about its goals. */
    boolean judgesGoals() {
      return mode.equals("full");
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("accounts", accounts);
      map.put("warmups", warmups);
      map.put("runs", runs);
      map.put("batchSize", batchSize);
      return map;
    }
  }

  private EmulatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(System.getProperty("benchmark.mode", "full"));
    run(settings, Path.of(System.getProperty("benchmark.output", "target/benchmarks")), System.out);
  }

  /** Runs every benchmark, prints the table and writes the JSON report. */
  static List<Measurement> run(Settings settings, Path output, PrintStream out) throws Exception {
    try (ConfigurableApplicationContext emulator = start()) {
      Orgs orgs = emulator.getBean(Orgs.class);
      String baseUrl =
          "http://127.0.0.1:" + ((WebServerApplicationContext) emulator).getWebServer().getPort();

      List<Double> seedSeconds = new ArrayList<>();
      List<Org> seeded = new ArrayList<>();
      for (int run = 0; run < settings.warmups() + settings.runs(); run++) {
        Org org =
            orgs.create(
                Orgs.Definition.named(
                    "Benchmark " + run,
                    new NewUser(
                        "bench" + run + "@benchmark.example",
                        "Bea",
                        "Bench",
                        "bench" + run + "@benchmark.example")));
        long started = System.nanoTime();
        RecordGenerator.generate(org, RecordGenerator.Volume.accounts(settings.accounts()), run);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (run >= settings.warmups()) {
          seedSeconds.add(seconds);
        }
        seeded.add(org);
      }

      String token = accessToken(emulator, seeded.getLast());
      var pager = new QueryPager(baseUrl, token, settings.batchSize());
      List<Double> recordsPerSecond = new ArrayList<>();
      for (int run = 0; run < settings.warmups() + settings.runs(); run++) {
        long started = System.nanoTime();
        QueryPager.Read read = pager.readAll(API_VERSION, SOQL);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (read.records() != settings.accounts()) {
          throw new IllegalStateException(
              "Query paging read " + read.records() + " of " + settings.accounts() + " records");
        }
        if (run >= settings.warmups()) {
          recordsPerSecond.add(read.records() / seconds);
        }
      }

      List<Double> eventsPerSecond = new ArrayList<>();
      int pubSubPort = emulator.getBean(PubSubServer.class).port();
      for (int run = 0; run < settings.warmups() + settings.runs(); run++) {
        // Each run streams another seeded org's events: none of them has been read (and so
        // encoded or cached by the emulator) before.
        Org org = seeded.get(run);
        String orgToken = accessToken(emulator, org);
        try (var subscriber = new CdcSubscriber(pubSubPort, orgToken, baseUrl, org.id())) {
          long started = System.nanoTime();
          long accounts =
              subscriber.receive("/data/AccountChangeEvent", "Account", settings.accounts(), 300);
          double seconds = (System.nanoTime() - started) / 1e9;
          if (accounts != settings.accounts()) {
            throw new IllegalStateException("Decoded " + accounts + " Account change events");
          }
          if (run >= settings.warmups()) {
            eventsPerSecond.add(accounts / seconds);
          }
        }
      }

      List<Measurement> measurements =
          List.of(
              new Measurement(
                  "seed " + settings.accounts() + " accounts", "s", 10, false, seedSeconds),
              new Measurement("REST query paging read", "records/s", 5_000, true, recordsPerSecond),
              new Measurement(
                  "Pub/Sub CDC delivered+decoded", "events/s", 20_000, true, eventsPerSecond));
      BenchmarkReport.print(
          "Emulator benchmark, mode "
              + settings.mode()
              + " ("
              + Runtime.getRuntime().availableProcessors()
              + " cores, "
              + settings.warmups()
              + " warm-up run(s) discarded)",
          measurements,
          settings.judgesGoals(),
          out);
      Path file =
          BenchmarkReport.write(
              output, "emulator-" + settings.mode(), settings.asMap(), measurements);
      out.println("Written to " + file.toAbsolutePath());
      return measurements;
    }
  }

  private static ConfigurableApplicationContext start() {
    return SalesforceEmulatorApplication.startInProcess("--logging.level.root=WARN");
  }

  private static String accessToken(ConfigurableApplicationContext emulator, Org org) {
    ConnectedApps apps = emulator.getBean(ConnectedApps.class);
    ConnectedApp app = apps.create(org.id(), "Benchmark", null);
    return emulator.getBean(Tokens.class).issue(app, org.adminUserId(), Set.of("api")).token();
  }
}
