package com.caskr.sync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml, the Dockerfile, Prometheus and Grafana checked against the reactor and each
 * service's application.yml. Docker is not needed: the files are parsed, not run. The second half
 * feeds the same checks broken copies to prove they catch what they claim to.
 */
class DockerComposeTest {

  private static final Path ROOT = RepositoryRoot.locate();
  private static final String DASHBOARD = "caskr-sync-overview.json";

  private final StackConsistency stack = StackConsistency.of(ROOT);

  @Test
  void buildsEveryBootableModuleAndOnlyThose() {
    assertThat(stack.composedModules()).isEmpty();
    assertThat(ComposeFile.read(ROOT.resolve("docker-compose.yml")).builtServices())
        .extracting(ComposeService::name)
        .contains(
            "auth-service",
            "ingest-service",
            "mapping-service",
            "writeback-service",
            "salesforce-emulator");
  }

  @Test
  void dockerfileDeclaresTheModuleArgAndFindsTheJar() {
    assertThat(stack.dockerBuilds()).isEmpty();
  }

  @Test
  void publishesServerPortOneToOneAndHealthChecksIt() {
    assertThat(stack.portsAndHealthChecks()).isEmpty();
  }

  @Test
  void everyEnvironmentVariableBindsToAnApplicationProperty() {
    assertThat(stack.environment()).isEmpty();
  }

  @Test
  void tokenApiCallersHoldTheSecretAuthServiceHoldsForThem() {
    assertThat(CallerSecretsCheck.findings(ComposeFile.read(ROOT.resolve("docker-compose.yml"))))
        .isEmpty();
    assertThat(CallerSecretsCheck.CALLER_VARIABLES.keySet())
        .as("every caller of the token API is checked")
        .containsExactlyInAnyOrder("ingest-service", "writeback-service");
  }

  @Test
  void servicesReachPostgresAndKafkaThroughComposeServiceNames() {
    assertThat(stack.backends()).isEmpty();
  }

  @Test
  void servicesWaitForHealthyPostgresAndKafka() {
    assertThat(stack.startupOrder()).isEmpty();
  }

  @Test
  void prometheusScrapesEveryServiceAtItsServerPort() {
    assertThat(stack.prometheusScrapes()).isEmpty();
  }

  @Test
  void everyAlertRulesFileHasAPromtoolTest() {
    assertThat(stack.alertRuleTests()).isEmpty();
  }

  @Test
  void dashboardsQueryTheProvisionedDatasource() {
    assertThat(stack.grafanaDatasource()).isEmpty();
  }

  @Test
  void environmentNamesFollowSpringRelaxedBinding() {
    assertThat(StackConsistency.environmentNames("spring.kafka.bootstrap-servers"))
        .containsExactly("SPRING_KAFKA_BOOTSTRAPSERVERS", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(StackConsistency.environmentNames("spring.datasource.url"))
        .containsExactly("SPRING_DATASOURCE_URL");
    assertThat(StackConsistency.environmentNames("my.list[0].name"))
        .containsExactly("MY_LIST_0_NAME");
  }

  // The checks can fail: each broken copy below is reported, naming the service and the mismatch.

  @Test
  void reportsMisspelledEnvironmentVariable() {
    Map<String, Object> yaml = composeYaml();
    Map<String, Object> env = ownEnvironment(yaml, "ingest-service");
    env.put("SPRING_KAFKA_BOOTSTRAP_SERVER", env.remove("SPRING_KAFKA_BOOTSTRAP_SERVERS"));

    List<String> findings = stack.withCompose(ComposeFile.of(yaml)).environment();

    assertThat(findings)
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains("'ingest-service'", "SPRING_KAFKA_BOOTSTRAP_SERVER,", "binds to no"))
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains(
                        "'ingest-service'", "does not set", "SPRING_KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(findings).noneMatch(finding -> finding.contains("'auth-service'"));
  }

  @Test
  void reportsCallerSecretThatDiffersFromAuthServicesOrIsMissing() {
    Map<String, Object> yaml = composeYaml();
    ownEnvironment(yaml, "writeback-service")
        .put(
            "WRITEBACK_AUTH_SECRET",
            "${CASKR_WRITEBACK_CALLER_SECRET:-another-dev-secret-of-40-bytes-.....}");
    ownEnvironment(yaml, "ingest-service").remove("INGEST_AUTH_SERVICE_SECRET");

    List<String> findings = CallerSecretsCheck.findings(ComposeFile.of(yaml));

    assertThat(findings)
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains("'writeback-service'", "WRITEBACK_AUTH_SECRET", "differs"))
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains("'ingest-service'", "does not set", "INGEST_AUTH_SERVICE_SECRET"))
        .hasSize(2);
  }

  @Test
  void reportsCallerSecretReadFromAnotherVariableOrPointingElsewhere() {
    Map<String, Object> yaml = composeYaml();
    Map<String, Object> auth = ownEnvironment(yaml, "auth-service");
    auth.put(
        "SPRING_APPLICATION_JSON",
        String.valueOf(auth.get("SPRING_APPLICATION_JSON"))
            .replace("CASKR_INGEST_CALLER_SECRET", "CASKR_INGEST_SECRET"));
    ownEnvironment(yaml, "writeback-service").put("WRITEBACK_AUTH_URL", "http://localhost:8081");

    List<String> findings = CallerSecretsCheck.findings(ComposeFile.of(yaml));

    assertThat(findings)
        .anySatisfy(finding -> assertThat(finding).contains("'ingest-service'", "other variables"))
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains("'writeback-service'", "WRITEBACK_AUTH_URL", "auth-service"))
        .hasSize(2);
  }

  @Test
  void reportsProfileWithoutItsFile() {
    Map<String, Object> yaml = composeYaml();
    ownEnvironment(yaml, "writeback-service").put("SPRING_PROFILES_ACTIVE", "local");
    ownEnvironment(yaml, "auth-service").put("SPRING_PROFILES_ACTIVE", "local,locale");

    List<String> findings = stack.withCompose(ComposeFile.of(yaml)).environment();

    assertThat(findings)
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains(
                        "'writeback-service'", "SPRING_PROFILES_ACTIVE", "application-local.yml"))
        .anySatisfy(
            finding -> assertThat(finding).contains("'auth-service'", "application-locale.yml"))
        .noneSatisfy(
            finding -> assertThat(finding).contains("'auth-service'", "application-local.yml"));
  }

  @Test
  void reportsContainerPortThatIsNotServerPort() {
    Map<String, Object> yaml = composeYaml();
    service(yaml, "mapping-service").put("ports", List.of("8093:8093"));

    assertThat(stack.withCompose(ComposeFile.of(yaml)).portsAndHealthChecks())
        .singleElement(STRING)
        .contains("'mapping-service'", "[8093]", "server.port", "8083");
  }

  @Test
  void reportsHealthCheckOnAnotherPort() {
    Map<String, Object> yaml = composeYaml();
    service(yaml, "writeback-service")
        .put(
            "healthcheck",
            Map.of("test", List.of("CMD", "curl", "-f", "http://localhost:8083/actuator/health")));

    assertThat(stack.withCompose(ComposeFile.of(yaml)).portsAndHealthChecks())
        .singleElement(STRING)
        .contains("'writeback-service'", "port 8083", "expected port 8084");
  }

  @Test
  void reportsBootableModuleMissingFromCompose() {
    Map<String, Object> yaml = composeYaml();
    YamlFiles.map(yaml.get("services")).remove("writeback-service");

    assertThat(stack.withCompose(ComposeFile.of(yaml)).composedModules())
        .singleElement(STRING)
        .contains("'writeback-service'", "no service", "builds it");
  }

  @Test
  void reportsServiceBuildingAModuleOutsideTheReactor() {
    Map<String, Object> yaml = composeYaml();
    Map<String, Object> build =
        new LinkedHashMap<>(YamlFiles.map(service(yaml, "auth-service").get("build")));
    build.put("args", Map.of("MODULE", "auth-servic"));
    service(yaml, "auth-service").put("build", build);

    assertThat(stack.withCompose(ComposeFile.of(yaml)).composedModules())
        .anySatisfy(
            finding ->
                assertThat(finding).contains("'auth-service'", "'auth-servic'", "<modules>"));
  }

  @Test
  void reportsKafkaBootstrapOnTheControllerListener() {
    Map<String, Object> yaml = composeYaml();
    ownEnvironment(yaml, "auth-service").put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093");

    assertThat(stack.withCompose(ComposeFile.of(yaml)).backends())
        .singleElement(STRING)
        .contains("'auth-service'", "kafka:9093", "[kafka:9092]");
  }

  @Test
  void reportsDatasourcePointingAtAnotherDatabase() {
    Map<String, Object> yaml = composeYaml();
    ownEnvironment(yaml, "mapping-service")
        .put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/caskr");

    assertThat(stack.withCompose(ComposeFile.of(yaml)).backends())
        .anySatisfy(f -> assertThat(f).contains("'mapping-service'", "localhost:15432"))
        .anySatisfy(f -> assertThat(f).contains("'mapping-service'", "database 'caskr'"));
  }

  @Test
  void reportsServiceThatDoesNotWaitForHealthyKafka() {
    Map<String, Object> yaml = composeYaml();
    service(yaml, "ingest-service")
        .put(
            "depends_on",
            Map.of("postgres", Map.of("condition", "service_healthy"), "kafka", Map.of()));

    assertThat(stack.withCompose(ComposeFile.of(yaml)).startupOrder())
        .singleElement(STRING)
        .contains("'ingest-service'", "'kafka'", "service_healthy", "has service_started");
  }

  @Test
  void reportsScrapeJobOnTheWrongPortAndOneForAnUnknownHost() {
    Map<String, Object> yaml = YamlFiles.read(ROOT.resolve(StackConsistency.PROMETHEUS_CONFIG));
    List<Object> jobs = new ArrayList<>(YamlFiles.list(yaml.get("scrape_configs")));
    jobs.replaceAll(
        job ->
            "ingest-service".equals(YamlFiles.map(job).get("job_name"))
                ? Map.of(
                    "job_name", "ingest-service",
                    "metrics_path", "/actuator/prometheus",
                    "static_configs", List.of(Map.of("targets", List.of("ingest-service:8081"))))
                : job);
    jobs.add(
        Map.of(
            "job_name",
            "billing",
            "static_configs",
            List.of(Map.of("targets", List.of("billing:8085")))));
    yaml.put("scrape_configs", jobs);

    assertThat(stack.withPrometheus(PrometheusConfig.of(yaml)).prometheusScrapes())
        .anySatisfy(
            f ->
                assertThat(f)
                    .contains("'ingest-service'", "ingest-service:8081", "ingest-service:8082"))
        .anySatisfy(f -> assertThat(f).contains("'billing'", "not a compose service"));
  }

  @Test
  void reportsDashboardPanelOnAnotherDatasource() {
    GrafanaProvisioning grafana = GrafanaProvisioning.read(ROOT);
    JsonNode broken = grafana.dashboards().get(DASHBOARD).deepCopy();
    JsonNode panel = firstPanelWithQueries(broken);
    ((ObjectNode) panel.path("datasource")).put("uid", "P1809F7CD0C75ACF3");

    assertThat(stack.withGrafana(grafana.withDashboard(DASHBOARD, broken)).grafanaDatasource())
        .singleElement(STRING)
        .contains(
            DASHBOARD, panel.path("title").stringValue(), "'P1809F7CD0C75ACF3'", "'prometheus'");
  }

  private static JsonNode firstPanelWithQueries(JsonNode dashboard) {
    for (JsonNode panel : dashboard.path("panels")) {
      if (!panel.path("targets").isEmpty()) {
        return panel;
      }
    }
    throw new AssertionError("no panel with queries");
  }

  /** A fresh parse: the checks run on a copy that each test may break as it likes. */
  private static Map<String, Object> composeYaml() {
    return YamlFiles.read(ROOT.resolve(StackConsistency.COMPOSE_FILE));
  }

  private static Map<String, Object> service(Map<String, Object> yaml, String name) {
    return YamlFiles.map(YamlFiles.map(yaml.get("services")).get(name));
  }

  /** The service's environment, unshared from the YAML anchor the other services also use. */
  private static Map<String, Object> ownEnvironment(Map<String, Object> yaml, String name) {
    Map<String, Object> env =
        new LinkedHashMap<>(YamlFiles.map(service(yaml, name).get("environment")));
    service(yaml, name).put("environment", env);
    return env;
  }
}
