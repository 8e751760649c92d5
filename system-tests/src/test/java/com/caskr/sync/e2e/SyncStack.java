package com.caskr.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.local.ProcessStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as real processes (deploy/local's launcher, ADR 0024) with the emulator's demo
 * org connected for company 1 through auth-service's connect flow over HTTP, and ingest-service's
 * subscription proven by a probe Account that reached Kafka. One per test class.
 */
final class SyncStack implements AutoCloseable {

  static final long COMPANY = 1;
  static final Duration PATIENCE = Duration.ofMinutes(3);
  static final String ACCOUNT_TOPIC = "salesforce.account.changed.v1";

  private final ProcessStack processes;
  private final TopicReader topics;
  private SalesforceSession salesforce;

  private SyncStack(ProcessStack processes) {
    this.processes = processes;
    this.topics = new TopicReader(processes.kafkaBootstrapServers());
  }

  static SyncStack start(String name) throws Exception {
    Path module = Path.of("").toAbsolutePath();
    Path repo = module.getParent();
    Path runDir = module.resolve("target/process-stack/" + name);
    for (String service :
        List.of(
            "auth-service",
            "ingest-service",
            "mapping-service",
            "writeback-service",
            "salesforce-emulator")) {
      assertThat(repo.resolve(service + "/target/" + service + ".jar"))
          .as("the reactor packages the services before system-tests (./mvnw verify)")
          .isRegularFile();
    }
    SyncStack stack = new SyncStack(ProcessStack.start(repo, runDir));
    try {
      stack.connectCompany();
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void connectCompany() throws SQLException {
    update(
        "insert into caskr.company (id, name) overriding system value values (?, ?)"
            + " on conflict (id) do nothing",
        COMPANY,
        "Kinsale Craft Distilling");
    String auth = processes.baseUrl("auth-service");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (ProcessStack.ADMIN + ":" + ProcessStack.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> connect =
        Http.send(
            Http.request(
                    auth
                        + "/api/integrations/salesforce/connect?companyId="
                        + COMPANY
                        + "&environment=PRODUCTION")
                .header("Authorization", basic)
                .GET());
    assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
    String cookie =
        connect.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("CASKR_AUTH_SESSION="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + connect.headers()));
    URI authorize = URI.create(connect.headers().firstValue("Location").orElseThrow());
    URI callback =
        EmulatorLogin.approve(authorize, processes.demoUsername(), ProcessStack.EMULATOR_PASSWORD);
    HttpResponse<String> connected =
        Http.send(
            Http.request(callback.toString())
                .header("Authorization", basic)
                .header("Cookie", cookie)
                .GET());
    assertThat(connected.statusCode()).as(connected.body()).isBetween(200, 399);

    salesforce =
        SalesforceSession.login(
            processes.baseUrl("salesforce-emulator"),
            processes.emulatorAdminToken(),
            processes.demoOrgId(),
            processes.demoUsername(),
            ProcessStack.EMULATOR_PASSWORD);
    String probe = salesforce.createAccount(Map.of("Name", "Subscription probe"));
    await("ingest-service subscribed: the probe Account reached " + ACCOUNT_TOPIC)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !changesOf(probe).isEmpty());
  }

  ProcessStack processes() {
    return processes;
  }

  SalesforceSession salesforce() {
    return salesforce;
  }

  String emulatorAdmin(String method, String path, Object body) {
    HttpRequest.Builder request =
        Http.request(
                processes.baseUrl("salesforce-emulator")
                    + "/emulator/orgs/"
                    + processes.demoOrgId()
                    + path)
            .header("Authorization", "Bearer " + processes.emulatorAdminToken())
            .header("Content-Type", "application/json")
            .method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : Http.jsonBody(body));
    JsonNode answer = Http.json(request);
    return answer == null ? "" : answer.toString();
  }

  /** The envelopes of one Salesforce record in its change topic, in topic order. */
  List<JsonNode> changesOf(String recordId) {
    String prefix = recordId.substring(0, 15);
    return topics.all(ACCOUNT_TOPIC).stream()
        .filter(e -> e.path("recordId").asString("").startsWith(prefix))
        .toList();
  }

  List<JsonNode> accountChanges() {
    return topics.all(ACCOUNT_TOPIC);
  }

  Connection database() throws SQLException {
    return DriverManager.getConnection(
        processes.jdbcUrl(), ProcessStack.DATABASE_USER, ProcessStack.DATABASE_PASSWORD);
  }

  int update(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /** The rows of a query, each as its column values in order. */
  List<List<Object>> rows(String sql, Object... parameters) throws SQLException {
    try (Connection connection = database();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The single value of a one-row, one-column query; null without a row. */
  Object value(String sql, Object... parameters) throws SQLException {
    List<List<Object>> rows = rows(sql, parameters);
    return rows.isEmpty() ? null : rows.getFirst().getFirst();
  }

  /**
   * What the sync tables hold about one customer, for failure messages: the trigger log, the push
   * queue, the pair, conflicts and sync-log rows.
   */
  String trace(long customer) {
    StringBuilder trace = new StringBuilder();
    for (String sql :
        List.of(
            "select id, operation, changed_columns, new_values, sent_at from writeback.trigger_log"
                + " where entity = 'customer' and caskr_id = ? order by id",
            "select changed_fields, priority, attempts, due_at, leased_until from"
                + " writeback.push_queue where entity = 'customer' and caskr_id = ?",
            "select salesforce_id, status, last_synced_fields, last_synced_at from"
                + " mapping.crm_entity_mappings where caskr_entity = 'customer' and caskr_id = ?",
            "select field_name, status, direction from mapping.crm_sync_conflicts"
                + " where caskr_id = ?",
            "select direction, operation, source, status, error_code, error_message from"
                + " mapping.crm_sync_logs where caskr_id = ? order by id")) {
      trace.append('\n').append(sql).append('\n');
      try {
        rows(sql, customer).forEach(row -> trace.append("  ").append(row).append('\n'));
      } catch (SQLException e) {
        trace.append("  (").append(e.getMessage()).append(")\n");
      }
    }
    return trace.toString();
  }

  /** Awaits {@code condition}; on timeout fails with {@code trace} appended. */
  static void awaitTraced(
      String alias, java.util.concurrent.Callable<Boolean> condition, Supplier<String> trace) {
    try {
      await(alias).atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + trace.get(), e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  @Override
  public void close() {
    topics.close();
    processes.close();
  }
}
