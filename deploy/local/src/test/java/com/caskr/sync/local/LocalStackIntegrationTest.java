package com.caskr.sync.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged launcher as a developer would (on free ports, beside any stack already
 * running), checks every service, then stops it with SIGINT, as Ctrl-C does, and checks that no
 * process and no listening port is left.
 */
class LocalStackIntegrationTest {

  /**
   * The launcher's own bound (auth-service starts after the emulator is UP); a quiet machine needs
   * well under a minute, a busy 2-core one has taken 146 s.
   */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern READY = Pattern.compile("All \\d+ services UP in [0-9.]+ s");
  private static final Pattern SERVICE_ROW =
      Pattern.compile(
          "^\\s+(\\S+)\\s+(http://localhost:(\\d+))\\s+(\\S+/actuator/health)\\s+(\\S+/actuator/prometheus)\\s*$",
          Pattern.MULTILINE);
  private static final Pattern KAFKA_ROW =
      Pattern.compile("^\\s+kafka\\s+localhost:(\\d+)\\s*$", Pattern.MULTILINE);
  private static final Pattern POSTGRES_ROW =
      Pattern.compile("^\\s+postgresql\\s+jdbc:postgresql://localhost:(\\d+)/", Pattern.MULTILINE);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Path module = Path.of("").toAbsolutePath();
  private Path output;
  private Process launcher;

  private record ServiceUrls(
      String name, String base, int port, String health, String prometheus) {}

  @Test
  void bringsEveryServiceUpAndLeavesNothingBehindOnCtrlC() throws Exception {
    Path repo = RepositoryRoot.above(module);
    Path launcherJar = module.resolve("target/local-stack.jar");
    List<Path> jars = new ArrayList<>(List.of(launcherJar));
    Arrays.stream(Service.values()).map(s -> s.jar(repo)).forEach(jars::add);
    assertThat(jars)
        .as("the service jars and the launcher; run ./mvnw package -DskipTests first")
        .allMatch(Files::isRegularFile);

    Path runDir = module.resolve("target/local-stack-it/run");
    launcher =
        startLauncher(
            "whole-stack",
            Map.of(),
            launcherJar,
            "--ports=free",
            "--repo=" + repo,
            "--run-dir=" + runDir);

    await("the launcher's ready line")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .failFast(
            () -> assertThat(launcher.isAlive()).as(() -> "launcher exited:\n" + output()).isTrue())
        .until(() -> READY.matcher(output()).find());

    String printed = output();
    List<ServiceUrls> services = serviceUrls(printed);
    assertThat(services)
        .extracting(ServiceUrls::name)
        .as(printed)
        .containsExactlyInAnyOrder(
            Arrays.stream(Service.values()).map(Service::moduleName).toArray(String[]::new));
    for (ServiceUrls service : services) {
      HttpResponse<String> health = get(service.health());
      assertThat(health.statusCode()).as(service.health()).isEqualTo(200);
      assertThat(health.body()).as(service.health()).containsPattern("\"status\"\\s*:\\s*\"UP\"");

      HttpResponse<String> prometheus = get(service.prometheus());
      assertThat(prometheus.statusCode()).as(service.prometheus()).isEqualTo(200);
      assertThat(prometheus.headers().firstValue("Content-Type").orElse(""))
          .as(service.prometheus())
          .startsWith("text/plain");
      assertThat(prometheus.body()).as(service.prometheus()).contains("# TYPE ", "jvm_");

      // As the dev admin: auth-service refuses anonymous callers before any endpoint is looked up.
      for (String hidden : List.of("env", "beans", "metrics", "configprops", "loggers")) {
        assertThat(send(asAdmin(service.base() + "/actuator/" + hidden).GET()).statusCode())
            .as(service.name() + " must not expose /actuator/" + hidden)
            .isEqualTo(404);
      }
    }

    assertConnectFlowReachesTheEmulator(services, printed);

    List<Integer> ports = new ArrayList<>(services.stream().map(ServiceUrls::port).toList());
    ports.add(firstNumber(KAFKA_ROW, printed));
    ports.add(firstNumber(POSTGRES_ROW, printed));
    List<ProcessHandle> processes =
        new ArrayList<>(ProcessHandle.of(launcher.pid()).orElseThrow().descendants().toList());
    assertThat(processes).as("the service processes").hasSizeGreaterThanOrEqualTo(services.size());
    // pg_ctl starts the postmaster detached, so it is no descendant: take its PID from its file.
    long postmaster =
        Long.parseLong(
            Files.readAllLines(runDir.resolve("postgres/postmaster.pid")).getFirst().strip());
    processes.add(ProcessHandle.of(postmaster).orElseThrow());
    assertThat(ports).allMatch(this::isListening);

    String signal = ignoresSigint(launcher.pid()) ? "TERM" : "INT";
    int exit = stop(signal);

    // The JVM exits with 128 + signal number once its shutdown hooks are done: 130 for SIGINT.
    assertThat(exit).as(output()).isEqualTo(signal.equals("INT") ? 130 : 143);
    assertThat(output()).contains("stopping…").endsWith("stopped\n");
    await("every process of the stack gone")
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(processes)
                    .filteredOn(ProcessHandle::isAlive)
                    .extracting(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .isEmpty());
    assertThat(ports).as("ports still in use").noneMatch(this::isListening).allMatch(this::canBind);
  }

  /**
   * The printed connect page answers the dev admin (and only a signed-in one), and asking to
   * connect yields an authorize URL at this run's emulator that the emulator accepts: the connected
   * app exists there with auth-service's callback.
   */
  private void assertConnectFlowReachesTheEmulator(List<ServiceUrls> services, String printed)
      throws IOException, InterruptedException {
    String auth = base(services, "auth-service");
    String emulator = base(services, "salesforce-emulator");
    String connectPage = auth + "/integrations/salesforce?companyId=1";
    assertThat(printed)
        .contains(connectPage)
        .contains(
            "user " + LocalStack.LOCAL_ADMIN + ", password " + LocalStack.LOCAL_ADMIN_PASSWORD);

    assertThat(get(connectPage).statusCode()).as("anonymous").isEqualTo(401);
    HttpResponse<String> page = send(asAdmin(connectPage).GET());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("/api/integrations/salesforce/connect");

    HttpResponse<String> connect =
        send(
            asAdmin(
                    auth
                        + "/api/integrations/salesforce/connect?companyId=1&environment=PRODUCTION")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(connect.statusCode()).as(connect.body()).isEqualTo(200);
    Matcher authorize =
        Pattern.compile("\"authorizeUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(connect.body());
    assertThat(authorize.find()).as(connect.body()).isTrue();
    String authorizeUrl = authorize.group(1);
    String callback = auth + "/api/integrations/salesforce/callback";
    assertThat(authorizeUrl)
        .startsWith(emulator + "/services/oauth2/authorize?")
        .contains("redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));

    HttpResponse<String> login = get(authorizeUrl);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).as("the emulator's login page").contains("id=\"username\"");
  }

  private static String base(List<ServiceUrls> services, String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().base();
  }

  private static HttpRequest.Builder asAdmin(String url) {
    String credentials = LocalStack.LOCAL_ADMIN + ":" + LocalStack.LOCAL_ADMIN_PASSWORD;
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void reportsAServiceThatDiesDuringStartUpAndStopsEverything(@TempDir Path runDir)
      throws Exception {
    Path repo = RepositoryRoot.above(module);
    assertThat(Service.EMULATOR.jar(repo))
        .as("run ./mvnw package -DskipTests first")
        .isRegularFile();

    // The services inherit the launcher's environment: a missing config import stops the emulator.
    launcher =
        startLauncher(
            "broken-service",
            Map.of("SPRING_CONFIG_IMPORT", "file:" + runDir.resolve("missing.yml")),
            module.resolve("target/local-stack.jar"),
            "--ports=free",
            "--repo=" + repo,
            "--only=salesforce-emulator",
            "--run-dir=" + runDir);

    assertThat(launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as(this::output)
        .isTrue();
    assertThat(launcher.exitValue()).as(output()).isEqualTo(1);
    assertThat(output())
        .contains(
            "salesforce-emulator exited with code 1 during start-up",
            "missing.yml",
            "stopping…",
            "stopped");
    Matcher started =
        Pattern.compile("Kafka on port (\\d+) and PostgreSQL on port (\\d+)").matcher(output());
    assertThat(started.find()).as(output()).isTrue();
    List<Integer> ports =
        List.of(Integer.parseInt(started.group(1)), Integer.parseInt(started.group(2)));
    assertThat(ports).as("ports still in use").noneMatch(this::isListening).allMatch(this::canBind);
  }

  @AfterEach
  void stopWhateverIsLeft() throws InterruptedException {
    if (launcher == null || !launcher.isAlive()) {
      return;
    }
    List<ProcessHandle> children = launcher.descendants().toList();
    launcher.destroy(); // SIGTERM runs the same shutdown hook as Ctrl-C
    if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      launcher.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Output goes to target/local-stack-it/{@code name}.out, to read after a failure. */
  private Process startLauncher(
      String name, Map<String, String> environment, Path launcherJar, String... options)
      throws IOException {
    output = module.resolve("target/local-stack-it/" + name + ".out");
    Files.createDirectories(output.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 23) {
      // As deploy/local/run does: keeps the broker's sun.misc.Unsafe warning off the output.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", launcherJar.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private int stop(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).start();
    assertThat(kill.waitFor()).isZero();
    assertThat(launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as(() -> "launcher still running " + STOP_TIMEOUT + " after SIGINT:\n" + output())
        .isTrue();
    return launcher.exitValue();
  }

  /**
   * A process started in the background by a non-interactive shell ignores SIGINT, and so do its
   * children; the JVM then keeps it ignored. SIGTERM runs the same shutdown hook.
   */
  private static boolean ignoresSigint(long pid) throws IOException {
    Path status = Path.of("/proc/" + pid + "/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseLong(line.substring("SigIgn:".length()).strip(), 16);
        return (ignored & (1L << (2 - 1))) != 0;
      }
    }
    return false;
  }

  private static List<ServiceUrls> serviceUrls(String printed) {
    List<ServiceUrls> urls = new ArrayList<>();
    Matcher row = SERVICE_ROW.matcher(printed);
    while (row.find()) {
      urls.add(
          new ServiceUrls(
              row.group(1),
              row.group(2),
              Integer.parseInt(row.group(3)),
              row.group(4),
              row.group(5)));
    }
    Map<String, ServiceUrls> byName = new LinkedHashMap<>();
    urls.forEach(u -> byName.put(u.name(), u));
    return List.copyOf(byName.values());
  }

  private static int firstNumber(Pattern pattern, String printed) {
    Matcher matcher = pattern.matcher(printed);
    assertThat(matcher.find()).as(pattern + " in:\n" + printed).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return true; // a timeout: something holds the port but does not answer
    }
  }

  private boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
