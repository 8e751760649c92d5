package com.caskr.sync.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The local stack for process-level tests (system-tests, ADR 0024): the launcher's Kafka,
 * PostgreSQL, emulator and four service processes on free ports, with the same wiring as {@code
 * deploy/local/run} (caller secrets, connected app, Pub/Sub endpoint), plus {@code kill -9} and a
 * restart of one service. Service names are module names, e.g. {@code writeback-service}.
 */
public final class ProcessStack implements AutoCloseable {

  /** auth-service's dev admin of the {@code local} profile. */
  public static final String ADMIN = LocalStack.LOCAL_ADMIN;

  public static final String ADMIN_PASSWORD = LocalStack.LOCAL_ADMIN_PASSWORD;

  /** Every emulator user's password. */
  public static final String EMULATOR_PASSWORD = "password";

  public static final String DATABASE_USER = Postgres.USER;
  public static final String DATABASE_PASSWORD = Postgres.PASSWORD;

  private final LocalStack stack;

  private ProcessStack(LocalStack stack) {
    this.stack = stack;
  }

  /**
   * Starts everything from the jars {@code ./mvnw package} built under {@code repo} and returns
   * once every service is UP. {@code runDir} holds the logs ({@code logs/<service>.log}) and data.
   */
  public static ProcessStack start(Path repo, Path runDir) throws Exception {
    List<String> args = List.of("--ports=free", "--repo=" + repo, "--run-dir=" + runDir);
    LocalStack stack = new LocalStack(Options.parse(args, repo), Instant.now(), System.out);
    ProcessStack started = new ProcessStack(stack);
    try {
      stack.start();
    } catch (Exception | Error e) {
      stack.stop();
      throw e;
    }
    return started;
  }

  /** {@code http://localhost:<port>} of a running service. */
  public String baseUrl(String service) {
    return stack.process(service(service)).orElseThrow(() -> notRunning(service)).baseUrl();
  }

  public String kafkaBootstrapServers() {
    return stack.kafka().bootstrapServers();
  }

  public String jdbcUrl() {
    return stack.postgres().jdbcUrl();
  }

  /** The emulator's admin API token (its {@code /emulator/} endpoints). */
  public String emulatorAdminToken() {
    return LocalStack.emulatorAdminToken();
  }

  /** The emulator's demo org, whose connected app auth-service's connect flow uses. */
  public String demoOrgId() {
    return stack.demoOrgApp().orElseThrow().orgId();
  }

  /** A demo org user to log in at the emulator with ({@link #EMULATOR_PASSWORD}). */
  public String demoUsername() {
    return stack.demoOrgApp().orElseThrow().username();
  }

  /** {@code kill -9} of one service; returns once the process is gone. */
  public ProcessHandle kill(String service) throws InterruptedException {
    return stack.kill(service(service));
  }

  /** Starts a killed service again, alone, as it was; returns once it is UP. */
  public void restart(String service) throws Exception {
    stack.restart(service(service));
  }

  /** Stops everything, as Ctrl-C does. */
  @Override
  public void close() {
    stack.stop();
  }

  private static Service service(String name) {
    return Service.byModuleName(name)
        .orElseThrow(() -> new IllegalArgumentException("no such service: " + name));
  }

  private static IllegalStateException notRunning(String service) {
    return new IllegalStateException(service + " is not running");
  }
}
