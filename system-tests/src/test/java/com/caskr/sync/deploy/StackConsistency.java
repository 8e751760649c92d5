package com.caskr.sync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Whether docker-compose.yml, the Dockerfile, Prometheus and Grafana agree with the reactor and the
 * services' application.yml. Docker cannot run where the build runs, so this is what stands between
 * a typo and a stack that fails only when someone starts it. Each check returns its findings, one
 * sentence each naming the service and the mismatch; no findings means consistent.
 */
final class StackConsistency {

  static final String COMPOSE_FILE = "docker-compose.yml";
  static final String PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml";
  static final String PROMETHEUS_RULES = "deploy/prometheus/rules";
  static final String PROMETHEUS_RULE_TESTS = "deploy/prometheus/tests";
  static final String METRICS_PATH = "/actuator/prometheus";
  static final String HEALTH_PATH = "/actuator/health";
  static final String MODULE_ARG = "MODULE";

  /** Bootable modules that are deliberately not a compose service, and why. */
  static final Map<String, String> NOT_CONTAINERISED =
      Map.of(
          "deploy/local",
          "starts the whole stack in one process for development; docker-compose.yml is its"
              + " container counterpart");

  /** Read by the JVM, not by Spring, so they bind to no application property. */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  /**
   * Read by Spring Boot itself as a whole property source (CallerSecretsCheck reads its callers).
   */
  private static final String APPLICATION_JSON_VARIABLE = CallerSecretsCheck.APPLICATION_JSON;

  /** Read by Spring Boot itself: each profile it names must have the module's profile file. */
  private static final String PROFILES_VARIABLE = "SPRING_PROFILES_ACTIVE";

  /**
   * Connection settings whose application.yml defaults point at localhost: compose must override.
   */
  private static final List<String> MUST_OVERRIDE =
      List.of(
          "spring.datasource.url",
          "spring.datasource.username",
          "spring.datasource.password",
          "spring.kafka.bootstrap-servers");

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");
  private static final Pattern HEALTH_URL =
      Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/[^\\s\"']*)");
  private static final Pattern LISTENER = Pattern.compile("([A-Za-z0-9_]+)://([^:,]*):(\\d+)");

  private final Path root;
  private final Reactor reactor;
  private final ComposeFile compose;
  private final PrometheusConfig prometheus;
  private final GrafanaProvisioning grafana;

  StackConsistency(
      Path root,
      Reactor reactor,
      ComposeFile compose,
      PrometheusConfig prometheus,
      GrafanaProvisioning grafana) {
    this.root = root;
    this.reactor = reactor;
    this.compose = compose;
    this.prometheus = prometheus;
    this.grafana = grafana;
  }

  static StackConsistency of(Path root) {
    return new StackConsistency(
        root,
        Reactor.read(root),
        ComposeFile.read(root.resolve(COMPOSE_FILE)),
        PrometheusConfig.read(root.resolve(PROMETHEUS_CONFIG)),
        GrafanaProvisioning.read(root));
  }

  StackConsistency withCompose(ComposeFile changed) {
    return new StackConsistency(root, reactor, changed, prometheus, grafana);
  }

  StackConsistency withPrometheus(PrometheusConfig changed) {
    return new StackConsistency(root, reactor, compose, changed, grafana);
  }

  StackConsistency withGrafana(GrafanaProvisioning changed) {
    return new StackConsistency(root, reactor, compose, prometheus, changed);
  }

  List<String> all() {
    return Stream.of(
            composedModules(),
            dockerBuilds(),
            portsAndHealthChecks(),
            environment(),
            backends(),
            startupOrder(),
            prometheusScrapes(),
            alertRuleTests(),
            grafanaDatasource())
        .flatMap(List::stream)
        .toList();
  }

  /** Built services are bootable reactor modules, and every bootable module is built. */
  List<String> composedModules() {
    List<String> findings = new ArrayList<>();
    for (ComposeService service : compose.builtServices()) {
      String module = service.build().orElseThrow().args().get(MODULE_ARG);
      if (module == null) {
        findings.add(
            "service '%s': build has no %s arg naming the module to build"
                .formatted(service.name(), MODULE_ARG));
        continue;
      }
      Optional<ReactorModule> reactorModule = reactor.module(module);
      if (reactorModule.isEmpty()) {
        findings.add(
            "service '%s' builds module '%s', which is not in the root pom's <modules>"
                .formatted(service.name(), module));
      } else if (!reactorModule.get().bootable()) {
        findings.add(
            ("service '%s' builds module '%s', which is not a Spring Boot app (no"
                    + " spring-boot-maven-plugin in %s/pom.xml)")
                .formatted(service.name(), module, module));
      }
      if (!service.name().equals(module)) {
        findings.add(
            ("service '%s' builds module '%s': name the service after its module (Prometheus job"
                    + " and dashboards key on it)")
                .formatted(service.name(), module));
      }
    }
    for (ReactorModule module : reactor.bootableModules()) {
      if (!NOT_CONTAINERISED.containsKey(module.path()) && builtServiceOf(module).isEmpty()) {
        findings.add(
            "module '%s' is a Spring Boot app but no service in %s builds it"
                .formatted(module.path(), COMPOSE_FILE));
      }
    }
    for (String excluded : NOT_CONTAINERISED.keySet()) {
      if (reactor.module(excluded).filter(ReactorModule::bootable).isEmpty()) {
        findings.add(
            ("module '%s' is excused from %s but is no longer a bootable reactor module: drop the"
                    + " exclusion")
                .formatted(excluded, COMPOSE_FILE));
      }
    }
    return findings;
  }

  /** The Dockerfile exists, declares the args compose passes, and finds the module's jar. */
  List<String> dockerBuilds() {
    List<String> findings = new ArrayList<>();
    for (ComposeService service : compose.builtServices()) {
      ComposeService.Build build = service.build().orElseThrow();
      if (!Path.of(build.context()).normalize().toString().isEmpty()) {
        findings.add(
            ("service '%s': build context '%s' must be the repository root ('.'), the Dockerfile"
                    + " builds with the whole reactor")
                .formatted(service.name(), build.context()));
      }
      Path dockerfile = root.resolve(build.context()).resolve(build.dockerfile()).normalize();
      if (!Files.isRegularFile(dockerfile)) {
        findings.add(
            "service '%s': Dockerfile '%s' does not exist"
                .formatted(service.name(), build.dockerfile()));
        continue;
      }
      String text = read(dockerfile);
      for (String arg : build.args().keySet()) {
        if (!Pattern.compile("(?m)^\\s*ARG\\s+" + Pattern.quote(arg) + "\\b")
            .matcher(text)
            .find()) {
          findings.add(
              "service '%s' passes build arg %s, which %s does not declare"
                  .formatted(service.name(), arg, build.dockerfile()));
        }
      }
      moduleOf(service)
          .filter(module -> !jarIsNamedAfterDirectory(module))
          .ifPresent(
              module ->
                  findings.add(
                      ("service '%s': the Dockerfile runs %s/target/%s.jar, but module '%s' has"
                              + " artifactId '%s' and finalName '%s'")
                          .formatted(
                              service.name(),
                              module.path(),
                              module.path(),
                              module.path(),
                              module.artifactId(),
                              module.finalName())));
    }
    return findings;
  }

  /** The container port is server.port, published 1:1, and the health check calls it. */
  List<String> portsAndHealthChecks() {
    List<String> findings = new ArrayList<>();
    for (ComposeService service : compose.builtServices()) {
      Optional<ReactorModule> module = moduleOf(service);
      if (module.isEmpty()) {
        continue;
      }
      int port = module.get().serverPort();
      List<ComposeService.PortMapping> mappings =
          service.ports().stream().filter(mapping -> mapping.target() == port).toList();
      if (mappings.isEmpty()) {
        findings.add(
            "service '%s' publishes container ports %s, but server.port in %s is %d"
                .formatted(
                    service.name(),
                    service.ports().stream().map(ComposeService.PortMapping::target).toList(),
                    module.get().applicationYaml(),
                    port));
      }
      for (ComposeService.PortMapping mapping : mappings) {
        if (mapping.published() == null || mapping.published() != port) {
          findings.add(
              "service '%s' publishes container port %d on host port %s; map it 1:1"
                  .formatted(service.name(), port, mapping.published()));
        }
      }
      if (service.healthcheck().isBlank()) {
        findings.add("service '%s' has no healthcheck".formatted(service.name()));
        continue;
      }
      Matcher url = HEALTH_URL.matcher(service.healthcheck());
      if (!url.find()) {
        findings.add(
            "service '%s': healthcheck '%s' calls no http://localhost:%d%s"
                .formatted(service.name(), service.healthcheck(), port, HEALTH_PATH));
      } else if (Integer.parseInt(url.group(1)) != port || !url.group(2).equals(HEALTH_PATH)) {
        findings.add(
            ("service '%s': healthcheck calls port %s path %s, expected port %d (server.port) path"
                    + " %s")
                .formatted(service.name(), url.group(1), url.group(2), port, HEALTH_PATH));
      }
    }
    return findings;
  }

  /**
   * Every variable binds to a property of the module's application.yml, and the connection
   * properties whose defaults point at localhost are overridden.
   */
  List<String> environment() {
    List<String> findings = new ArrayList<>();
    for (ComposeService service : compose.builtServices()) {
      Optional<ReactorModule> module = moduleOf(service);
      if (module.isEmpty()) {
        continue;
      }
      for (String variable : service.environment().keySet()) {
        if (variable.equals(PROFILES_VARIABLE)) {
          findings.addAll(
              profileFindings(
                  service.name(), module.get(), service.environment().get(PROFILES_VARIABLE)));
        } else if (!JVM_VARIABLES.contains(variable)
            && !variable.equals(APPLICATION_JSON_VARIABLE)
            && boundProperty(variable, module.get()).isEmpty()) {
          findings.add(
              "service '%s' sets %s, which binds to no property of %s (it would bind to %s)"
                  .formatted(
                      service.name(),
                      variable,
                      module.get().applicationYaml(),
                      variable.toLowerCase(Locale.ROOT).replace('_', '.')));
        }
      }
      for (String property : MUST_OVERRIDE) {
        if (module.get().properties().containsKey(property)
            && service.environment().keySet().stream()
                .noneMatch(variable -> environmentNames(property).contains(variable))) {
          findings.add(
              "service '%s' does not set %s: the default '%s' from %s points inside the container"
                  .formatted(
                      service.name(),
                      String.join(" or ", environmentNames(property)),
                      module.get().properties().get(property),
                      module.get().applicationYaml()));
        }
      }
    }
    return findings;
  }

  /** The JDBC URL and Kafka bootstrap servers point at the compose postgres and kafka services. */
  List<String> backends() {
    List<String> findings = new ArrayList<>();
    for (ComposeService service : compose.builtServices()) {
      Map<String, String> env = service.environment();
      if (env.containsKey("SPRING_DATASOURCE_URL")) {
        findings.addAll(datasourceFindings(service.name(), env));
      }
      if (env.containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS")) {
        findings.addAll(kafkaFindings(service.name(), env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")));
      }
    }
    return findings;
  }

  /**
   * Services wait for the backends their configuration uses to be healthy, and every condition
   * waits for something that can report health.
   */
  List<String> startupOrder() {
    List<String> findings = new ArrayList<>();
    for (ComposeService service : compose.builtServices()) {
      Optional<ReactorModule> module = moduleOf(service);
      if (module.isEmpty()) {
        continue;
      }
      if (module.get().usesDatabase()) {
        compose
            .serviceRunning("postgres")
            .ifPresent(postgres -> findings.addAll(waitsFor(service, postgres.name())));
      }
      if (module.get().usesKafka()) {
        compose
            .serviceRunning("apache/kafka")
            .ifPresent(kafka -> findings.addAll(waitsFor(service, kafka.name())));
      }
    }
    for (ComposeService service : compose.services()) {
      service
          .dependsOn()
          .forEach(
              (dependency, condition) -> {
                Optional<ComposeService> target = compose.service(dependency);
                if (target.isEmpty()) {
                  findings.add(
                      "service '%s' depends on '%s', which is not a compose service"
                          .formatted(service.name(), dependency));
                } else if (condition.equals("service_healthy")
                    && target.get().healthcheck().isBlank()) {
                  findings.add(
                      "service '%s' waits for '%s' to be healthy, but '%s' has no healthcheck"
                          .formatted(service.name(), dependency, dependency));
                }
              });
    }
    return findings;
  }

  /** Prometheus scrapes every app at {@code <service>:<server.port>} and nothing else unknown. */
  List<String> prometheusScrapes() {
    List<String> findings = new ArrayList<>();
    Optional<ComposeService> server = compose.serviceRunning("prom/prometheus");
    if (server.isEmpty()) {
      findings.add("%s has no single prom/prometheus service".formatted(COMPOSE_FILE));
    } else if (server.get().mountTargetOf(PROMETHEUS_CONFIG).isEmpty()) {
      findings.add(
          "service '%s' does not mount %s".formatted(server.get().name(), PROMETHEUS_CONFIG));
    }
    for (ComposeService service : compose.builtServices()) {
      Optional<ReactorModule> module = moduleOf(service);
      if (module.isEmpty()) {
        continue;
      }
      String target = service.name() + ":" + module.get().serverPort();
      Optional<PrometheusConfig.ScrapeJob> job = prometheus.job(service.name());
      if (job.isEmpty()) {
        findings.add(
            "service '%s' has no scrape job named '%s' in %s"
                .formatted(service.name(), service.name(), PROMETHEUS_CONFIG));
        continue;
      }
      if (!job.get().metricsPath().equals(METRICS_PATH)) {
        findings.add(
            "job '%s' scrapes path %s, the service serves %s"
                .formatted(job.get().name(), job.get().metricsPath(), METRICS_PATH));
      }
      if (!job.get().targets().equals(List.of(target))) {
        findings.add(
            "job '%s' scrapes %s, expected [%s] (service:server.port)"
                .formatted(job.get().name(), job.get().targets(), target));
      }
      Optional<String> applicationName = module.get().property("spring.application.name");
      if (!applicationName.equals(Optional.of(service.name()))) {
        findings.add(
            ("job '%s': spring.application.name in %s is %s; dashboards match the job to the"
                    + " 'application' tag, so they must be equal")
                .formatted(
                    job.get().name(),
                    module.get().applicationYaml(),
                    applicationName.orElse("unset")));
      }
    }
    for (PrometheusConfig.ScrapeJob job : prometheus.jobs()) {
      for (String target : job.targets()) {
        String host = target.substring(0, Math.max(target.lastIndexOf(':'), 0));
        if (compose.service(host).isEmpty()) {
          findings.add(
              "job '%s' scrapes %s, but '%s' is not a compose service"
                  .formatted(job.name(), target, host));
        }
      }
    }
    return findings;
  }

  /** Every alert rules file has a {@code promtool test rules} file that loads it. */
  List<String> alertRuleTests() {
    List<String> findings = new ArrayList<>();
    List<String> tested =
        yamlFilesIn(root.resolve(PROMETHEUS_RULE_TESTS)).stream()
            .flatMap(test -> YamlFiles.list(YamlFiles.read(test).get("rule_files")).stream())
            .map(ruleFile -> Path.of(String.valueOf(ruleFile)).getFileName().toString())
            .toList();
    for (Path rules : yamlFilesIn(root.resolve(PROMETHEUS_RULES))) {
      if (!tested.contains(rules.getFileName().toString())) {
        findings.add(
            "%s/%s has no promtool test in %s"
                .formatted(PROMETHEUS_RULES, rules.getFileName(), PROMETHEUS_RULE_TESTS));
      }
    }
    return findings;
  }

  /**
   * Grafana is provisioned from deploy/grafana, its Prometheus datasource is the compose service,
   * and every dashboard parses and queries that datasource by its fixed uid.
   */
  List<String> grafanaDatasource() {
    List<String> findings = new ArrayList<>();
    Optional<ComposeService> server = compose.serviceRunning("grafana/grafana");
    if (server.isEmpty()) {
      findings.add("%s has no single grafana/grafana service".formatted(COMPOSE_FILE));
    } else {
      if (!server
          .get()
          .mountTargetOf(GrafanaProvisioning.PROVISIONING)
          .equals(Optional.of("/etc/grafana/provisioning"))) {
        findings.add(
            "service '%s' does not mount %s at /etc/grafana/provisioning"
                .formatted(server.get().name(), GrafanaProvisioning.PROVISIONING));
      }
      Optional<String> dashboards = server.get().mountTargetOf(GrafanaProvisioning.DASHBOARDS);
      if (dashboards.isEmpty() || !grafana.dashboardPaths().contains(dashboards.get())) {
        findings.add(
            "service '%s' mounts %s at %s, but the dashboard providers read %s"
                .formatted(
                    server.get().name(),
                    GrafanaProvisioning.DASHBOARDS,
                    dashboards.orElse("nothing"),
                    grafana.dashboardPaths()));
      }
    }
    List<Map<String, Object>> prometheusSources =
        grafana.datasources().stream()
            .filter(datasource -> "prometheus".equals(datasource.get("type")))
            .toList();
    if (prometheusSources.size() != 1) {
      findings.add(
          "%s/datasources provisions %d Prometheus datasources, expected 1"
              .formatted(GrafanaProvisioning.PROVISIONING, prometheusSources.size()));
      return findings;
    }
    Map<String, Object> datasource = prometheusSources.getFirst();
    String uid = YamlFiles.string(datasource.get("uid"));
    if (uid == null || uid.isBlank()) {
      findings.add("the provisioned Prometheus datasource has no fixed uid");
    }
    compose
        .serviceRunning("prom/prometheus")
        .map(prom -> "http://" + prom.name() + ":9090")
        .filter(url -> !url.equals(datasource.get("url")))
        .ifPresent(
            url ->
                findings.add(
                    "the Prometheus datasource points at %s, the compose service is %s"
                        .formatted(datasource.get("url"), url)));
    grafana
        .unreadableDashboards()
        .forEach(
            (file, error) ->
                findings.add(
                    "dashboard %s/%s is not valid JSON: %s"
                        .formatted(GrafanaProvisioning.DASHBOARDS, file, error)));
    if (grafana.dashboards().isEmpty() && grafana.unreadableDashboards().isEmpty()) {
      findings.add("%s holds no dashboard".formatted(GrafanaProvisioning.DASHBOARDS));
    }
    grafana
        .dashboards()
        .forEach((file, dashboard) -> findings.addAll(dashboardFindings(file, dashboard, uid)));
    return findings;
  }

  /**
   * The environment variable names Spring binds to {@code property}: upper case, dots to
   * underscores, dashes removed (the documented form) or, as Spring also accepts, dashes to
   * underscores. The first is the canonical one.
   */
  static List<String> environmentNames(String property) {
    String upper =
        property
            .toUpperCase(Locale.ROOT)
            .replace('.', '_')
            .replace("[", "_")
            .replace("]", "")
            .replace("__", "_");
    String canonical = upper.replace("-", "");
    String legacy = upper.replace('-', '_');
    return canonical.equals(legacy) ? List.of(canonical) : List.of(canonical, legacy);
  }

  private List<String> profileFindings(String service, ReactorModule module, String profiles) {
    List<String> findings = new ArrayList<>();
    for (String profile : String.valueOf(profiles).split(",")) {
      Path file =
          root.resolve(module.path())
              .resolve("src/main/resources/application-" + profile.strip() + ".yml");
      if (!Files.isRegularFile(file)) {
        findings.add(
            "service '%s' sets %s=%s, but %s has no %s"
                .formatted(
                    service, PROFILES_VARIABLE, profiles, module.path(), root.relativize(file)));
      }
    }
    return findings;
  }

  /**
   * The property {@code variable} sets: by relaxed binding, or as a {@code ${VARIABLE…}}
   * placeholder.
   */
  private static Optional<String> boundProperty(String variable, ReactorModule module) {
    return module.properties().entrySet().stream()
        .filter(
            property ->
                environmentNames(property.getKey()).contains(variable)
                    || String.valueOf(property.getValue())
                        .matches(".*\\$\\{" + variable + "[:}].*"))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private List<String> datasourceFindings(String service, Map<String, String> env) {
    Optional<ComposeService> postgres = compose.serviceRunning("postgres");
    if (postgres.isEmpty()) {
      return List.of(
          "service '%s' sets SPRING_DATASOURCE_URL, but %s has no single postgres service"
              .formatted(service, COMPOSE_FILE));
    }
    String url = env.get("SPRING_DATASOURCE_URL");
    Matcher jdbc = JDBC_URL.matcher(url);
    if (!jdbc.matches()) {
      return List.of(
          "service '%s': SPRING_DATASOURCE_URL '%s' is not a jdbc:postgresql://host[:port]/db URL"
              .formatted(service, url));
    }
    Map<String, String> server = postgres.get().environment();
    String user = server.getOrDefault("POSTGRES_USER", "postgres");
    String expectedPort = server.getOrDefault("PGPORT", "5432");
    List<String> findings = new ArrayList<>();
    String host = jdbc.group(1);
    String port = Optional.ofNullable(jdbc.group(2)).orElse("5432");
    String database = jdbc.group(3);
    if (!host.equals(postgres.get().name()) || !port.equals(expectedPort)) {
      findings.add(
          "service '%s': SPRING_DATASOURCE_URL points at %s:%s, the postgres service is %s:%s"
              .formatted(service, host, port, postgres.get().name(), expectedPort));
    }
    if (!database.equals(server.getOrDefault("POSTGRES_DB", user))) {
      findings.add(
          "service '%s': SPRING_DATASOURCE_URL names database '%s', postgres creates '%s'"
              .formatted(service, database, server.getOrDefault("POSTGRES_DB", user)));
    }
    if (!user.equals(env.get("SPRING_DATASOURCE_USERNAME"))) {
      findings.add(
          "service '%s': SPRING_DATASOURCE_USERNAME is '%s', postgres creates user '%s'"
              .formatted(service, env.get("SPRING_DATASOURCE_USERNAME"), user));
    }
    if (!String.valueOf(server.get("POSTGRES_PASSWORD"))
        .equals(env.get("SPRING_DATASOURCE_PASSWORD"))) {
      findings.add(
          ("service '%s': SPRING_DATASOURCE_PASSWORD differs from the postgres service's"
                  + " POSTGRES_PASSWORD")
              .formatted(service));
    }
    return findings;
  }

  private List<String> kafkaFindings(String service, String bootstrapServers) {
    Optional<ComposeService> kafka = compose.serviceRunning("apache/kafka");
    if (kafka.isEmpty()) {
      return List.of(
          ("service '%s' sets SPRING_KAFKA_BOOTSTRAP_SERVERS, but %s has no single apache/kafka"
                  + " service")
              .formatted(service, COMPOSE_FILE));
    }
    Map<String, String> broker = kafka.get().environment();
    Set<String> controllers =
        Set.of(broker.getOrDefault("KAFKA_CONTROLLER_LISTENER_NAMES", "").split(","));
    List<String> brokerListeners = new ArrayList<>();
    Matcher listener = LISTENER.matcher(broker.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
    while (listener.find()) {
      if (!controllers.contains(listener.group(1))) {
        brokerListeners.add(listener.group(2) + ":" + listener.group(3));
      }
    }
    List<String> internal =
        brokerListeners.stream()
            .filter(address -> address.startsWith(kafka.get().name() + ":"))
            .toList();
    List<String> findings = new ArrayList<>();
    for (String server : Arrays.stream(bootstrapServers.split(",")).map(String::trim).toList()) {
      if (!internal.contains(server)) {
        findings.add(
            ("service '%s': SPRING_KAFKA_BOOTSTRAP_SERVERS has %s, but the kafka service advertises"
                    + " %s to containers")
                .formatted(service, server, internal));
      }
    }
    return findings;
  }

  private static List<String> waitsFor(ComposeService service, String backend) {
    String condition = service.dependsOn().get(backend);
    if ("service_healthy".equals(condition)) {
      return List.of();
    }
    return List.of(
        "service '%s' must wait for '%s' with condition service_healthy, has %s"
            .formatted(service.name(), backend, condition == null ? "no depends_on" : condition));
  }

  private static List<String> dashboardFindings(String file, JsonNode dashboard, String uid) {
    List<String> findings = new ArrayList<>();
    String where = GrafanaProvisioning.DASHBOARDS + "/" + file;
    List<JsonNode> panels = new ArrayList<>();
    collectPanels(dashboard.path("panels"), panels);
    int queries = 0;
    for (JsonNode panel : panels) {
      String title = text(panel.path("title"));
      JsonNode targets = panel.path("targets");
      if (!targets.isArray() || targets.isEmpty()) {
        if (!Set.of("row", "text").contains(text(panel.path("type")))) {
          findings.add("%s: panel '%s' has no query".formatted(where, title));
        }
        continue;
      }
      String panelUid = text(panel.path("datasource").path("uid"));
      if (!panelUid.equals(uid)) {
        findings.add(
            "%s: panel '%s' uses datasource uid '%s', provisioned is '%s'"
                .formatted(where, title, panelUid, uid));
      }
      for (JsonNode target : targets) {
        JsonNode targetSource = target.path("datasource");
        if (!targetSource.isMissingNode() && !text(targetSource.path("uid")).equals(uid)) {
          findings.add(
              "%s: panel '%s' query %s uses datasource uid '%s', provisioned is '%s'"
                  .formatted(
                      where,
                      title,
                      text(target.path("refId")),
                      text(targetSource.path("uid")),
                      uid));
        }
        if (text(target.path("expr")).isBlank()) {
          findings.add(
              "%s: panel '%s' query %s has no expr"
                  .formatted(where, title, text(target.path("refId"))));
        } else {
          queries++;
        }
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      JsonNode source = variable.path("datasource");
      if (!source.isMissingNode() && !text(source.path("uid")).equals(uid)) {
        findings.add(
            "%s: variable '%s' uses datasource uid '%s', provisioned is '%s'"
                .formatted(where, text(variable.path("name")), text(source.path("uid")), uid));
      }
    }
    if (queries == 0) {
      findings.add("%s: no panel has a PromQL expr".formatted(where));
    }
    return findings;
  }

  /** Panels, including those nested in (collapsed) rows. */
  private static void collectPanels(JsonNode panels, List<JsonNode> into) {
    for (JsonNode panel : panels) {
      into.add(panel);
      collectPanels(panel.path("panels"), into);
    }
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.stringValue() : "";
  }

  private Optional<ReactorModule> moduleOf(ComposeService service) {
    return service
        .build()
        .map(build -> build.args().get(MODULE_ARG))
        .flatMap(reactor::module)
        .filter(ReactorModule::bootable);
  }

  private Optional<ComposeService> builtServiceOf(ReactorModule module) {
    return compose.builtServices().stream()
        .filter(
            service -> module.path().equals(service.build().orElseThrow().args().get(MODULE_ARG)))
        .findFirst();
  }

  private static boolean jarIsNamedAfterDirectory(ReactorModule module) {
    return module.path().equals(module.artifactId())
        && ("${project.artifactId}".equals(module.finalName())
            || module.path().equals(module.finalName()));
  }

  private static List<Path> yamlFilesIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
