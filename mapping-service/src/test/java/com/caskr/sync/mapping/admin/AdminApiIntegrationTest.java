package com.caskr.sync.mapping.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.mapping.conflictqueue.ConflictQueue;
import com.caskr.sync.mapping.conflictqueue.RecordPair;
import com.caskr.sync.mapping.conflicts.ConflictDetector;
import com.caskr.sync.mapping.conflicts.RecordSides;
import com.caskr.sync.mapping.fieldmap.FieldMappingCheck;
import com.caskr.sync.mapping.fieldmap.FieldRule;
import com.caskr.sync.mapping.fieldmap.Transformation;
import com.caskr.sync.mapping.outbox.HeldRelay;
import com.caskr.sync.mapping.settings.CompanySettings;
import com.caskr.sync.mapping.settings.FieldMapping;
import com.caskr.sync.mapping.settings.SettingsStore;
import com.caskr.sync.mapping.testing.CaskrFixtures;
import com.caskr.sync.mapping.testing.PublishedEvents;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ConflictResolved;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.Resolution;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.json.EventJson;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The admin API over real HTTP with admin-security: roles (viewer reads, operator resolves or
 * dismisses conflicts and settles holds, admin changes settings), company scoping, validation of
 * mappings against the real field sets, and the OpenAPI document describing every endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class AdminApiIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final long SEVEN = 7;
  private static final long EIGHT = 8;
  private static final long NINE = 9;
  private static final SalesforceId ACCOUNT = SalesforceId.of("0015e00000Kx7QzAAJ");

  @DynamicPropertySource
  static void users(DynamicPropertyRegistry registry) {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    String[][] users = {
      {"alice", "ADMIN", "7"},
      {"olly", "OPERATOR", "7"},
      {"vera", "VIEWER", "7"},
      {"root", "ADMIN", "*"},
      {"otto", "OPERATOR", "9"},
      {"dora", "VIEWER", "9"}
    };
    for (int i = 0; i < users.length; i++) {
      String prefix = "caskr.admin.users[" + i + "].";
      String[] user = users[i];
      registry.add(prefix + "username", () -> user[0]);
      registry.add(prefix + "password-hash", () -> hash);
      registry.add(prefix + "role", () -> user[1]);
      registry.add(prefix + "companies[0]", () -> user[2]);
    }
  }

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private DataSource dataSource;
  @Autowired private TransactionTemplate transactions;
  @Autowired private SettingsStore store;
  @Autowired private CompanySettings settings;
  @Autowired private ConflictDetector detector;
  @Autowired private ConflictQueue queue;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping handlerMappings;

  private final HttpClient http = HttpClient.newHttpClient();
  private CaskrFixtures caskr;

  @BeforeEach
  void companies() {
    caskr = new CaskrFixtures(jdbc);
    jdbc.sql(
            "insert into caskr.company (id, name) overriding system value"
                + " values (7, 'Copper Still'), (8, 'Other Distillery') on conflict do nothing")
        .update();
  }

  @Test
  void eachRoleDoesWhatItMayForItsOwnCompaniesOnly() throws Exception {
    String mappings = "/api/companies/7/field-mappings/Account";
    assertThat(call("GET", mappings, null, null).statusCode()).isEqualTo(401);
    var read = call("GET", mappings, "vera", null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read).findValuesAsString("salesforceField")).contains("Name", "Industry");

    String phone = "/api/companies/7/field-mappings/Account/Phone";
    String body =
        "{\"caskrField\": \"phone\", \"direction\": \"BIDIRECTIONAL\", \"transformation\": \"TRIM\"}";
    assertThat(call("PUT", phone, "vera", body).statusCode()).isEqualTo(403);
    assertThat(call("PUT", phone, "olly", body).statusCode()).isEqualTo(403);
    assertThat(call("PUT", phone, "alice", body).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/companies/8/field-mappings/Account", "alice", null).statusCode())
        .isEqualTo(403);
    assertThat(call("GET", "/api/companies/8/status", "vera", null).statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/companies/8/field-mappings/Account", "root", null).statusCode())
        .isEqualTo(200);
    assertThat(
            call("PUT", "/api/companies/7/sync-preferences/Account", "olly", "{\"enabled\": true}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aSavedMappingAppliesToTheNextEventAndDeletingItBringsTheDefaultBack() throws Exception {
    assertThat(rule(SEVEN, "Website").transformation()).isEqualTo(new Transformation.None());

    var saved =
        call(
            "PUT",
            "/api/companies/7/field-mappings/Account/Website",
            "alice",
            """
            {"caskrField": "website", "direction": "SF_TO_CASKR", "transformation": "LOWERCASE"}
            """);

    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(json(saved).get("inherited").asBoolean()).isFalse();
    assertThat(json(saved).get("updatedBy").asString()).isEqualTo("alice");
    assertThat(rule(SEVEN, "Website").transformation()).isEqualTo(new Transformation.Lowercase());
    assertThat(rule(EIGHT, "Website").transformation())
        .as("another company keeps the default")
        .isEqualTo(new Transformation.None());

    assertThat(
            call("DELETE", "/api/companies/7/field-mappings/Account/Website", "alice", null)
                .statusCode())
        .isEqualTo(204);
    assertThat(rule(SEVEN, "Website").transformation()).isEqualTo(new Transformation.None());
    assertThat(
            call("DELETE", "/api/companies/7/field-mappings/Account/Website", "alice", null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void refusesMappingsThatNameFieldsSalesforceOrCaskrDoNotHave() throws Exception {
    String base = "/api/companies/7/field-mappings/";
    assertRefused(
        "PUT",
        base + "Account/Nmae",
        "{\"caskrField\": \"name\", \"direction\": \"SF_TO_CASKR\"}",
        "is not a field of Account");
    assertRefused(
        "PUT",
        base + "Account/" + URLEncoder.encode("Name) FROM User--", StandardCharsets.UTF_8),
        "{\"caskrField\": \"name\", \"direction\": \"SF_TO_CASKR\"}",
        "a field name is a letter");
    assertRefused(
        "PUT",
        base + "Account/Fax",
        "{\"caskrField\": \"password_hash\", \"direction\": \"SF_TO_CASKR\"}",
        "is not a customer column");
    assertRefused(
        "PUT",
        base + "Lead/Email",
        "{\"caskrField\": \"email\", \"direction\": \"SF_TO_CASKR\"}",
        "Account, Contact or Opportunity");
    assertRefused(
        "PUT",
        base + "Opportunity/IsWon",
        "{\"caskrField\": \"status\", \"direction\": \"CASKR_TO_SF\"}",
        "read-only in Salesforce");
    assertRefused(
        "PUT",
        base + "Opportunity/CloseDate",
        "{\"caskrField\": \"order_date\", \"direction\": \"SF_TO_CASKR\", \"transformation\": \"DATE_FORMAT\", \"transformationConfig\": {\"format\": \"yyyy-MM-dd'\"}}",
        "not a valid java.time pattern");
    assertRefused(
        "PUT",
        base + "Opportunity/StageName",
        "{\"caskrField\": \"status\", \"direction\": \"SF_TO_CASKR\", \"transformation\": \"VALUE_MAP\", \"transformationConfig\": {\"values\": [\"Closed Won\"]}}",
        "\\\"values\\\": a JSON object");
    assertRefused(
        "PUT",
        base + "Opportunity/StageName",
        "{\"caskrField\": \"status\", \"direction\": \"SF_TO_CASKR\", \"transformation\": \"VALUE_MAP\", \"transformationConfig\": {\"values\": {\"Closed Won\": \"Won\"}}}",
        "status must be one of");
    assertRefused(
        "PUT",
        base + "Account/AccountNumber",
        "{\"caskrField\": \"name\", \"direction\": \"SF_TO_CASKR\"}",
        "two inbound sources");
    assertRefused(
        "PUT",
        base + "Account/BillingCountry",
        "{\"caskrField\": \"billing_country\", \"direction\": \"BIDIRECTIONAL\", \"defaultValue\": 42}",
        "defaultValue does not fit");
    assertThat(store.mappings(SEVEN, SalesforceEntity.ACCOUNT))
        .as("nothing was saved")
        .filteredOn(mapping -> !mapping.inherited())
        .extracting(mapping -> mapping.rule().salesforceField())
        .doesNotContain("Nmae", "Fax", "AccountNumber", "BillingCountry");
  }

  @Test
  void everySeedMappingPassesTheChecksTheApiApplies() {
    for (SalesforceEntity object : SalesforceEntity.values()) {
      for (FieldMapping mapping : store.mappings(SEVEN, object)) {
        FieldMappingCheck.check(mapping.rule());
      }
    }
  }

  @Test
  void preferencesAreValidatedAndSavedPerCompany() throws Exception {
    String path = "/api/companies/7/sync-preferences/Contact";
    assertRefused("PUT", path, "{\"pollIntervalSeconds\": 5}", "between 60 and 86400");
    assertRefused("PUT", path, "{\"reconcileCron\": \"0 3 * * *\"}", "six-field cron");
    assertRefused(
        "PUT", path, "{\"conflictStrategy\": \"Newest\"}", "LastWriteWins, SalesforceWins");
    assertRefused("PUT", path, "{\"reconcileTimeZone\": \"Mars/Olympus\"}", "time-zone id");

    var saved =
        call(
            "PUT",
            path,
            "alice",
            "{\"conflictStrategy\": \"Manual\", \"pollIntervalSeconds\": 600}");

    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(json(saved).get("conflictStrategy").asString()).isEqualTo("Manual");
    assertThat(json(saved).get("pollIntervalSeconds").asInt()).isEqualTo(600);
    assertThat(json(saved).get("inherited").asBoolean()).isFalse();
    assertThat(settings.preference(SEVEN, SalesforceEntity.CONTACT).conflictStrategy())
        .isEqualTo(ConflictStrategy.MANUAL);
    assertThat(settings.preference(EIGHT, SalesforceEntity.CONTACT).conflictStrategy())
        .isEqualTo(ConflictStrategy.LAST_WRITE_WINS);
    var all = json(call("GET", "/api/companies/7/sync-preferences", "vera", null));
    assertThat(all.findValuesAsString("entity"))
        .containsExactly("Account", "Contact", "Opportunity");
  }

  @Test
  void operatorsResolveConflictsViewersOnlyReadThemAndOtherCompaniesSeeNothing() throws Exception {
    long customer = caskr.customer(SEVEN, "Copper Still Taproom", null);
    caskr.pair(
        SEVEN, "Account", ACCOUNT, "customer", customer, Map.of("name", "Copper Still Tavern"));
    var result =
        detector.decide(
            settings.fieldRules(SEVEN, SalesforceEntity.ACCOUNT),
            ConflictStrategy.LAST_WRITE_WINS,
            new RecordSides(
                Map.of("name", "Copper Still Tavern & Kitchen"),
                Map.of("name", "Copper Still Taproom"),
                Map.of("name", "Copper Still Tavern"),
                Instant.now(),
                Instant.now()));
    var pair =
        new RecordPair(
            new Tenant(SEVEN, CaskrFixtures.ORG),
            SalesforceEntity.ACCOUNT,
            ACCOUNT,
            customer,
            UUID.randomUUID(),
            "trace-admin");
    transactions.executeWithoutResult(status -> queue.record(pair, result));

    var list =
        json(call("GET", "/api/companies/7/conflicts?status=PENDING&entity=Account", "vera", null));
    assertThat(list.get("total").asLong()).isEqualTo(1);
    long id = list.get("items").get(0).get("id").asLong();
    assertThat(list.get("items").get(0).get("critical").asBoolean()).isTrue();
    String resolve = "/api/companies/7/conflicts/" + id + "/resolve";
    assertThat(call("GET", "/api/companies/8/conflicts/" + id, "root", null).statusCode())
        .isEqualTo(404);
    assertThat(call("POST", resolve, "vera", "{\"resolution\": \"KEEP_CASKR\"}").statusCode())
        .isEqualTo(403);
    assertRefused("POST", resolve, "{\"resolution\": \"MERGED\"}", "needs a value");
    assertRefused(
        "POST",
        resolve,
        "{\"resolution\": \"KEEP_BOTH\"}",
        "KEEP_CASKR, KEEP_SALESFORCE or MERGED");
    assertRefused(
        "POST",
        resolve,
        "{\"resolution\": \"MERGED\", \"value\": \"  \"}",
        "name must not be blank");

    var resolved =
        call(
            "POST",
            resolve,
            "olly",
            "{\"resolution\": \"MERGED\", \"value\": \"Copper Still Kitchen\"}");

    assertThat(resolved.statusCode()).isEqualTo(200);
    assertThat(json(resolved).get("status").asString()).isEqualTo("RESOLVED");
    assertThat(json(resolved).get("resolvedBy").asString()).isEqualTo("olly");
    assertThat(caskr.column("customers", "name", customer)).isEqualTo("Copper Still Kitchen");
    assertThat(call("POST", resolve, "olly", "{\"resolution\": \"KEEP_CASKR\"}").statusCode())
        .isEqualTo(409);
    var logs =
        json(call("GET", "/api/companies/7/sync-logs?operation=RESOLVE_CONFLICT", "vera", null));
    assertThat(logs.get("total").asLong()).isEqualTo(1);
  }

  @Test
  void operatorsDismissAConflictWithoutChangingEitherSideAndItIsAuditedAndPublished()
      throws Exception {
    jdbc.sql(
            "insert into caskr.company (id, name) overriding system value"
                + " values (9, 'Dismissing Distillery') on conflict do nothing")
        .update();
    SalesforceId account = SalesforceId.of("0015e00000Kx7R0AAJ");
    long customer = caskr.customer(NINE, "Barrel House", null);
    Map<String, Object> snapshot = Map.of("name", "Barrel House Ltd");
    caskr.pair(NINE, "Account", account, "customer", customer, snapshot);
    var result =
        detector.decide(
            settings.fieldRules(NINE, SalesforceEntity.ACCOUNT),
            ConflictStrategy.LAST_WRITE_WINS,
            new RecordSides(
                Map.of("name", "Barrel House Holdings"),
                Map.of("name", "Barrel House"),
                snapshot,
                Instant.now(),
                Instant.now()));
    var pair =
        new RecordPair(
            new Tenant(NINE, CaskrFixtures.ORG),
            SalesforceEntity.ACCOUNT,
            account,
            customer,
            UUID.randomUUID(),
            "trace-dismiss");
    transactions.executeWithoutResult(status -> queue.record(pair, result));
    JsonNode pending =
        json(call("GET", "/api/companies/9/conflicts?status=PENDING", "dora", null))
            .get("items")
            .get(0);
    long id = pending.get("id").asLong();
    UUID conflictId = UUID.fromString(pending.get("conflictId").asString());
    String dismiss = "/api/companies/9/conflicts/" + id + "/dismiss";

    assertThat(call("POST", dismiss, "dora", null).statusCode()).as("a viewer").isEqualTo(403);
    assertThat(call("POST", dismiss, "olly", null).statusCode())
        .as("another company's operator")
        .isEqualTo(403);
    assertThat(
            call("POST", "/api/companies/8/conflicts/" + id + "/dismiss", "root", null)
                .statusCode())
        .as("the conflict under another company")
        .isEqualTo(404);
    var blank = call("POST", dismiss, "otto", "{\"reason\": \" \"}");
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("reason must be 1 to 500 characters");
    assertThat(
            json(call("GET", "/api/companies/9/conflicts/" + id, "dora", null))
                .get("status")
                .asString())
        .isEqualTo("PENDING");

    var dismissed = call("POST", dismiss, "otto", "{\"reason\": \"rename is on hold\"}");

    assertThat(dismissed.statusCode()).isEqualTo(200);
    JsonNode body = json(dismissed);
    assertThat(body.get("status").asString()).isEqualTo("DISMISSED");
    assertThat(body.hasNonNull("resolution")).isFalse();
    assertThat(body.get("resolvedBy").asString()).isEqualTo("otto");
    assertThat(caskr.column("customers", "name", customer))
        .as("Caskr keeps its value")
        .isEqualTo("Barrel House");
    assertThat(
            jdbc.sql(
                    "select last_synced_fields ->> 'name' from mapping.crm_entity_mappings"
                        + " where company_id = 9 and salesforce_id = ?")
                .param(account.value())
                .query(String.class)
                .single())
        .as("the snapshot is not an agreed value")
        .isEqualTo("Barrel House Ltd");
    assertThat(call("POST", dismiss, "otto", null).statusCode()).isEqualTo(409);
    var viaResolve =
        call(
            "POST",
            "/api/companies/9/conflicts/" + id + "/resolve",
            "otto",
            "{\"resolution\": \"DISMISSED\"}");
    assertThat(viaResolve.statusCode()).isEqualTo(400);
    assertThat(viaResolve.body()).contains("KEEP_CASKR, KEEP_SALESFORCE or MERGED");

    JsonNode logs =
        json(call("GET", "/api/companies/9/sync-logs?operation=RESOLVE_CONFLICT", "dora", null));
    assertThat(logs.get("total").asLong()).isEqualTo(1);
    assertThat(logs.get("items").get(0).get("errorCode").asString()).isEqualTo("DISMISSED");
    assertThat(
            jdbc.sql(
                    "select request_payload ->> 'resolvedBy' || ' ' || (request_payload ->> 'reason')"
                        + " from mapping.crm_sync_logs where company_id = 9"
                        + " and operation = 'RESOLVE_CONFLICT'")
                .query(String.class)
                .single())
        .isEqualTo("otto rename is on hold");
    ConflictResolved event =
        new PublishedEvents(consumers)
            .await(
                TopicCatalogue.SYNC_CONFLICT_RESOLVED,
                ConflictResolved.class,
                resolved -> resolved.conflictId().equals(conflictId),
                1)
            .getFirst();
    assertThat(event.resolution()).isEqualTo(Resolution.DISMISSED);
    assertThat(event.resolvedValue()).isNull();
    assertThat(event.resolvedBy()).isEqualTo("otto");
    assertThat(event.tenant()).isEqualTo(new Tenant(NINE, CaskrFixtures.ORG));
    assertThat(event.field()).isEqualTo("name");
  }

  @Test
  void operatorsReleaseAHeldChangeBackOntoItsTopicOrDismissIt() throws Exception {
    String event =
        Files.readString(
                Path.of(
                    "../shared-schema/src/test/resources/golden/salesforce-record-changed/v1/account-update-pubsub-cdc.json"))
            .replace("\"companyId\": 42", "\"companyId\": 7");
    long held = hold(event, "0015e00000Kx7QzAAJ");
    long other = hold(event, "0015e00000Kx7QzAAK");
    String release = "/api/companies/7/review-holds/" + held + "/release";

    assertThat(call("POST", release, "vera", null).statusCode()).isEqualTo(403);
    assertThat(
            call("POST", "/api/companies/8/review-holds/" + held + "/release", "root", null)
                .statusCode())
        .isEqualTo(404);
    // The released change goes back onto its topic through the outbox; with the relay held, the
    // row is still there to read (the relay deletes what it published).
    try (HeldRelay relay = HeldRelay.hold(dataSource)) {
      var released = call("POST", release, "olly", null);

      assertThat(released.statusCode()).isEqualTo(200);
      assertThat(json(released).get("status").asString()).isEqualTo("RELEASED");
      assertThat(
              jdbc.sql(
                      "select count(*) from mapping.outbox_events where topic = 'salesforce.account.changed.v1'"
                          + " and message_key = '00D5e000000CsKqEAK/0015e00000Kx7QzAAJ'"
                          + " and payload::jsonb ->> 'eventId' <> '9531985d-5d9d-49f8-9818-e811892f902b'")
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }
    assertThat(call("POST", release, "olly", null).statusCode()).isEqualTo(409);
    assertThat(
            call("POST", "/api/companies/7/review-holds/" + other + "/dismiss", "olly", null)
                .statusCode())
        .isEqualTo(200);
    var list = json(call("GET", "/api/companies/7/review-holds?status=DISMISSED", "vera", null));
    assertThat(list.get("total").asLong()).isEqualTo(1);
  }

  @Test
  void syncLogsFilterAndStatusCountsPerEntity() throws Exception {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    log(EIGHT, "Account", "SUCCESS", null, now.minusSeconds(3600));
    log(EIGHT, "Account", "SUCCESS", null, now.minusSeconds(3300));
    log(EIGHT, "Account", "SUCCESS", null, now.minusSeconds(3240));
    log(EIGHT, "Account", "FAILED", "VALIDATION", now.minusSeconds(3000));
    log(EIGHT, "Contact", "SKIPPED", null, now.minusSeconds(2400));
    log(EIGHT, "Account", "SUCCESS", null, now.minusSeconds(3 * 24 * 3600));

    var failed = json(call("GET", "/api/companies/8/sync-logs?status=FAILED", "root", null));
    assertThat(failed.get("total").asLong()).isEqualTo(1);
    assertThat(failed.get("items").get(0).get("errorCode").asString()).isEqualTo("VALIDATION");
    var window =
        json(
            call(
                "GET",
                "/api/companies/8/sync-logs?entity=Account&size=1&from="
                    + now.minusSeconds(3400)
                    + "&to="
                    + now.minusSeconds(3100),
                "root",
                null));
    assertThat(window.get("total").asLong()).isEqualTo(2);
    assertThat(window.get("items").size()).isEqualTo(1);
    assertRefused("GET", "/api/companies/7/sync-logs?status=BROKEN", null, "status must be one of");
    assertRefused("GET", "/api/companies/7/sync-logs?from=yesterday", null, "ISO-8601");
    assertRefused("GET", "/api/companies/7/sync-logs?size=1000", null, "size must be between");
    assertThat(
            json(call("GET", "/api/companies/7/sync-logs?status=FAILED", "vera", null))
                .get("total")
                .asLong())
        .as("company 7 sees none of company 8's log")
        .isZero();

    var status = json(call("GET", "/api/companies/8/status?hours=24", "root", null));
    JsonNode account = status.get(0);
    assertThat(account.get("entity").asString()).isEqualTo("Account");
    assertThat(account.get("succeeded").asLong()).isEqualTo(3);
    assertThat(account.get("failed").asLong()).isEqualTo(1);
    assertThat(account.get("successRate").asDouble()).isEqualTo(0.75);
    assertThat(Instant.parse(account.get("lastSyncAt").asString()))
        .isEqualTo(now.minusSeconds(3240));
    assertThat(status.get(1).get("skipped").asLong()).isEqualTo(1);
    assertThat(status.get(1).get("successRate").isNull()).isTrue();
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() throws Exception {
    var response = call("GET", "/openapi.yaml", "vera", null);
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> document = new Yaml().load(response.body());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) document.get("paths");

    List<String> served = new ArrayList<>();
    for (RequestMappingInfo info : handlerMappings.getHandlerMethods().keySet()) {
      for (String path : info.getPatternValues()) {
        if (path.startsWith("/api/")) {
          info.getMethodsCondition()
              .getMethods()
              .forEach(method -> served.add(method.name().toLowerCase() + " " + path));
        }
      }
    }
    List<String> documented = new ArrayList<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(key -> !key.equals("parameters"))
                .forEach(method -> documented.add(method + " " + path)));
    assertThat(served).isNotEmpty();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void pendingConflictsAreAPrometheusGauge() throws Exception {
    var scrape = call("GET", "/actuator/prometheus", null, null);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("crm_pending_conflicts");
  }

  private FieldRule rule(long company, String field) {
    return settings.fieldRules(company, SalesforceEntity.ACCOUNT).rules().stream()
        .filter(rule -> rule.salesforceField().equals(field))
        .findFirst()
        .orElseThrow();
  }

  private long hold(String payload, String salesforceId) {
    return jdbc.sql(
            """
            insert into mapping.crm_review_holds
                (company_id, org_id, entity, direction, salesforce_id, reason, details, payload)
            values (7, '00D5e000000CsKqEAK', 'Account', 'INBOUND', :sfId, 'VALIDATION_ERROR',
                    '{"field": "Name"}', cast(:payload as jsonb))
            returning id
            """)
        .param("sfId", salesforceId)
        .param("payload", payload)
        .query(Long.class)
        .single();
  }

  private void log(
      long company, String entity, String status, String errorCode, Instant startedAt) {
    jdbc.sql(
            """
            insert into mapping.crm_sync_logs
                (company_id, entity, direction, operation, source, status, error_code, started_at,
                 completed_at)
            values (:company, :entity, 'INBOUND', 'UPSERT', 'PUBSUB_CDC', :status, :code,
                    cast(:at as timestamptz), cast(:at as timestamptz))
            """)
        .param("company", company)
        .param("entity", entity)
        .param("status", status)
        .param("code", errorCode)
        .param("at", startedAt.toString())
        .update();
  }

  private void assertRefused(String method, String path, String body, String detail)
      throws Exception {
    var response = call(method, path, "alice", body);
    assertThat(response.statusCode()).as("%s %s %s", method, path, body).isEqualTo(400);
    assertThat(response.body()).contains(detail);
  }

  private HttpResponse<String> call(String method, String path, String user, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return EventJson.mapper().readTree(response.body());
  }
}
