package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.ingest.testing.KafkaOutage;
import com.caskr.sync.ingest.testing.MutableClock;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed JSON webhooks over real HTTP into the real broker, secrets made through the admin
 * endpoint. The service's clock is a test clock, so the 5-minute window and the rotation grace are
 * checked without waiting.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.producer.properties.linger.ms=0",
      "spring.kafka.producer.properties.request.timeout.ms=1500",
      "spring.kafka.producer.properties.delivery.timeout.ms=3000",
      "ingest.webhook.max-body-size=16KB"
    })
@UsesTestInfrastructure
class WebhookEndToEndIntegrationTest {

  private static final AtomicLong COMPANIES = new AtomicLong(5_400);
  private static final String PASSWORD = "correct horse battery staple";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("ingest.webhook.keyset-json", WebhookSecretVault::newJsonKeyset);
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    user(registry, 0, "admin", hash, "ADMIN", "*");
    user(registry, 1, "viewer", hash, "VIEWER", "*");
    user(registry, 2, "other-admin", hash, "ADMIN", "1");
  }

  private static void user(
      DynamicPropertyRegistry registry,
      int i,
      String name,
      String hash,
      String role,
      String companies) {
    String prefix = "caskr.admin.users[" + i + "].";
    registry.add(prefix + "username", () -> name);
    registry.add(prefix + "password-hash", () -> hash);
    registry.add(prefix + "role", () -> role);
    registry.add(prefix + "companies", () -> companies);
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    MutableClock clock() {
      return new MutableClock();
    }
  }

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConnectedOrgs orgs;
  @Autowired private MutableClock clock;
  @Autowired private JdbcClient jdbc;
  @Autowired private JdbcTemplate jdbcTemplate;

  private long company;
  private SalesforceId org;
  private String secret;

  @BeforeEach
  void connectAnOrgWithASecret() throws Exception {
    company = COMPANIES.incrementAndGet();
    org = SalesforceId.of("00D" + String.format("%012d", company));
    var change = Connections.changed(company, org, ConnectionState.CONNECTED);
    kafka.send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), change.kafkaKey(), change).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> orgs.byOrgId(org).isPresent());
    HttpResponse<String> rotated = SecretRotation.rotate(port, company, "admin", PASSWORD);
    assertThat(rotated.statusCode()).isEqualTo(200);
    assertThat(rotated.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
    secret = JSON.readTree(rotated.body()).get("secret").asString();
  }

  @Test
  void aSignedWebhookIsPublishedAndAcceptedOnceThenReplaysAreRefused() throws Exception {
    String eventId = "evt-\\\"" + UUID.randomUUID();
    String body = contact(eventId.replace("\\", "\\\\").replace("\"", "\\\""), "0035e00000Dv2Lm");

    HttpResponse<String> accepted = post("contact", body, sign(secret, body));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    assertThat(JSON.readTree(accepted.body()).get("event_id").asString()).isEqualTo(eventId);
    List<SalesforceRecordChanged> changes = changes();
    assertThat(changes).hasSize(1);
    SalesforceRecordChanged change = changes.getFirst();
    assertThat(change.source()).isEqualTo(ChangeSource.WEBHOOK);
    assertThat(change.entity()).isEqualTo(SalesforceEntity.CONTACT);
    assertThat(change.changeType()).isEqualTo(ChangeType.UPSERT);
    assertThat(change.recordId().value()).isEqualTo("0035e00000Dv2LmAAJ");
    assertThat(change.tenant().orgId()).isEqualTo(org);
    assertThat(change.changedFields()).containsExactly("Cask_Investor__c");
    assertThat(change.fields())
        .containsEntry("Cask_Investor__c", true)
        .containsEntry("Phone", null);
    assertThat(change.sourceVersion()).isEqualTo(Instant.parse("2026-03-21T10:41:54Z"));
    assertThat(change.occurredAt()).isEqualTo(Instant.parse("2026-03-21T10:41:55Z"));

    HttpResponse<String> replay = post("contact", body, sign(secret, body));
    assertError(replay, 409, "replayed_event");
    assertThat(changes()).hasSize(1);
  }

  @Test
  void anOpportunityCarriesTheLineItemsItWasSent() throws Exception {
    String body =
        """
        {"event_id": "%s", "event_type": "updated", "organization_id": "%s",
         "timestamp": "2026-03-21T10:41:55Z",
         "data": {"Id": "0065e00000AbCdE", "StageName": "Closed Won"},
         "line_items": [{"Id": "00k5e00000AbCdE", "Quantity": 12, "UnitPrice": 42.5}]}
        """
            .formatted(UUID.randomUUID(), org.value());

    assertThat(post("opportunity", body, sign(secret, body)).statusCode()).isEqualTo(202);
    assertThat(changes().getFirst().lineItems()).hasSize(1);
    assertThat(changes().getFirst().lineItems().getFirst()).containsEntry("Quantity", 12L);

    String withoutLines =
        body.replaceAll(",\\s*\"line_items\": \\[.*]", "")
            .replace(
                body.substring(
                    body.indexOf("\"event_id\": \"") + 13, body.indexOf("\", \"event_type")),
                UUID.randomUUID().toString());
    assertError(post("opportunity", withoutLines, sign(secret, withoutLines)), 400, "missing_field")
        .contains("line_items");
    assertThat(changes()).hasSize(1);
  }

  @Test
  void everyRefusalNamesItsProblemAndPublishesNothing() throws Exception {
    String body = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    long now = clock.instant().getEpochSecond();

    assertError(post("contact", body, null), 401, "missing_signature");
    assertError(post("contact", body, "sha256=abc"), 401, "malformed_signature");
    assertError(post("contact", body, sign("whsec_wrong", body)), 401, "bad_signature");
    assertError(
        post("contact", body, WebhookSignature.header(bytes(secret), now - 301, bytes(body))),
        401,
        "stale_signature");
    assertError(
        post("contact", body, WebhookSignature.header(bytes(secret), now + 301, bytes(body))),
        401,
        "stale_signature");
    String tampered = body.replace("true", "false");
    assertError(post("contact", tampered, sign(secret, body)), 401, "bad_signature");

    String foreign = body.replace(org.value(), SalesforceId.of("00D000000000999").value());
    assertError(post("contact", foreign, sign(secret, foreign)), 403, "unknown_org");
    assertError(
        post("contact", "{\"event_id\": ", sign(secret, "{\"event_id\": ")), 400, "malformed_json");
    String missing = body.replaceFirst("\"timestamp\": \"[^\"]*\",", "");
    assertError(post("contact", missing, sign(secret, missing)), 400, "missing_field")
        .contains("timestamp");
    String wrongEntity = contact("evt-" + UUID.randomUUID(), "0015e00000Kx7Qz");
    assertError(post("contact", wrongEntity, sign(secret, wrongEntity)), 400, "invalid_field")
        .contains("recordId");
    assertError(post("lead", body, sign(secret, body)), 404, "unknown_entity");
    assertError(
        send("contact", body, sign(secret, body), "text/plain", false),
        415,
        "unsupported_media_type");
    String huge =
        body.replace("\"Phone\": null", "\"Description\": \"" + "x".repeat(20_000) + "\"");
    assertError(post("contact", huge, sign(secret, huge)), 413, "payload_too_large");
    assertError(
        send("contact", huge, sign(secret, huge), "application/json", true),
        413,
        "payload_too_large");

    assertThat(changes()).isEmpty();
    assertThat(post("contact", body, sign(secret, body)).statusCode())
        .as("the untouched original still goes through")
        .isEqualTo(202);
  }

  @Test
  void onlyAPostToOneKnownEntityIsAWebhook() throws Exception {
    String body = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    URI contact = URI.create("http://127.0.0.1:" + port + "/api/salesforce/webhook/contact");
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (String method : List.of("GET", "PUT", "DELETE")) {
        var request =
            HttpRequest.newBuilder(contact)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, sign(secret, body))
                .method(
                    method,
                    method.equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> refused = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertError(refused, 405, "method_not_allowed");
        assertThat(refused.headers().firstValue("Allow")).contains("POST");
      }
    }
    assertError(post("contact/extra", body, sign(secret, body)), 404, "unknown_entity")
        .as("security headers on webhook answers too");
    HttpResponse<String> unknown = post("lead", body, sign(secret, body));
    assertThat(unknown.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(unknown.headers().firstValue("Cache-Control")).contains("no-store");
    assertError(post("", body, sign(secret, body)), 404, "unknown_entity");

    assertThat(changes()).isEmpty();
    assertThat(post("CONTACT", body, sign(secret, body)).statusCode())
        .as("the entity is matched ignoring case, as before")
        .isEqualTo(202);
    try (HttpClient http = HttpClient.newHttpClient()) {
      String metrics =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics.lines())
          .as("webhooks are still timed under their route")
          .anyMatch(
              line ->
                  line.startsWith("http_server_requests_seconds_count{")
                      && line.contains("uri=\"/api/salesforce/webhook/{entity}\"")
                      && line.contains("status=\"202\""));
    }
  }

  @Test
  void webhooksSkipSignInButTheAdminApiStillDemandsIt() throws Exception {
    String body = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    assertThat(post("contact", body, sign(secret, body)).statusCode())
        .as("no credentials, no session, no CSRF token: the signature is enough")
        .isEqualTo(202);
    assertThat(SecretRotation.rotate(port, company, null, PASSWORD).statusCode())
        .as("the webhook secret's rotation: no Basic credentials, and no CSRF token either")
        .isIn(401, 403);
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (String path : List.of("/api/admin/companies/" + company, "/api/salesforce/webhooks")) {
        var anonymous =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      }
    }
  }

  @Test
  void aRotatedSecretTakesOverAndThePreviousOneWorksOnlyDuringTheGrace() throws Exception {
    String previous = secret;
    HttpResponse<String> rotated = SecretRotation.rotate(port, company, "admin", PASSWORD);
    assertThat(rotated.statusCode()).isEqualTo(200);
    var answer = JSON.readTree(rotated.body());
    String current = answer.get("secret").asString();
    assertThat(current).startsWith("whsec_").isNotEqualTo(previous);
    assertThat(answer.get("organizationId").asString()).isEqualTo(org.value());
    assertThat(Instant.parse(answer.get("previousSecretValidUntil").asString()))
        .isEqualTo(clock.instant().plus(Duration.ofHours(24)));

    String first = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    assertThat(post("contact", first, sign(current, first)).statusCode()).isEqualTo(202);
    String second = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    assertThat(post("contact", second, sign(previous, second)).statusCode()).isEqualTo(202);

    clock.advance(Duration.ofHours(25));
    String third = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    assertError(post("contact", third, sign(previous, third)), 401, "bad_signature");
    assertThat(post("contact", third, sign(current, third)).statusCode()).isEqualTo(202);
    assertThat(changes()).hasSize(3);
  }

  @Test
  void onlyAnAdminOfTheCompanyMayRotate() throws Exception {
    assertThat(SecretRotation.rotate(port, company, null, PASSWORD).statusCode())
        .as("anonymous: no Basic credentials, and no CSRF token either")
        .isIn(401, 403);
    assertThat(SecretRotation.rotate(port, company, "viewer", PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(SecretRotation.rotate(port, company, "other-admin", PASSWORD).statusCode())
        .isEqualTo(403);
    String body = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    assertThat(post("contact", body, sign(secret, body)).statusCode())
        .as("refused rotations left the secret alone")
        .isEqualTo(202);
  }

  @Test
  void whileKafkaCannotAcknowledgeTheAnswerIs503AndARetryGoesThrough() throws Exception {
    String body = contact("evt-" + UUID.randomUUID(), "0035e00000Dv2Lm");
    try (var outage = KafkaOutage.of(TopicCatalogue.SALESFORCE_CONTACT_CHANGED.name())) {
      HttpResponse<String> refused = post("contact", body, sign(secret, body));
      assertError(refused, 503, "unavailable");
      assertThat(changes()).isEmpty();
    }
    assertThat(post("contact", body, sign(secret, body)).statusCode()).isEqualTo(202);
    assertThat(changes()).hasSize(1);
  }

  @Test
  void aReplayRightAfterTheAcceptIsRefusedByThisAndAnyOtherInstance() throws Exception {
    String eventId = "evt-" + UUID.randomUUID();
    String body = contact(eventId, "0035e00000Dv2Lm");
    assertThat(post("contact", body, sign(secret, body)).statusCode()).isEqualTo(202);

    assertError(post("contact", body, sign(secret, body)), 409, "replayed_event");
    try (var otherInstance = new WebhookEventIds(jdbcTemplate, Duration.ofMinutes(1))) {
      // Until the acceptance is written (milliseconds) another instance is told to retry, never
      // handed the id.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                var claim = otherInstance.claim(tenant(), eventId, new WebhookRequestEvent());
                assertThat(claim).isNotEqualTo(WebhookEventIds.Claim.CLAIMED);
                return claim == WebhookEventIds.Claim.REPLAYED;
              });
    }
    assertThat(changes()).hasSize(1);
  }

  @Test
  void aDeliveryWhileAnotherWaitsForKafkaIsToldToRetryThenTheRetryGoesThrough() throws Exception {
    String eventId = "evt-" + UUID.randomUUID();
    String body = contact(eventId, "0035e00000Dv2Lm");
    try (var otherInstance = new WebhookEventIds(jdbcTemplate, Duration.ofMinutes(1))) {
      assertThat(otherInstance.claim(tenant(), eventId, new WebhookRequestEvent()))
          .isEqualTo(WebhookEventIds.Claim.CLAIMED);

      HttpResponse<String> meanwhile = post("contact", body, sign(secret, body));
      assertError(meanwhile, 503, "unavailable").contains("in progress");
      assertThat(meanwhile.headers().firstValue("Retry-After")).isPresent();
      assertThat(changes()).isEmpty();

      // The other delivery's Kafka send failed: it gave the id back.
      otherInstance.release(tenant(), eventId);
    }
    assertThat(post("contact", body, sign(secret, body)).statusCode()).isEqualTo(202);
    assertThat(changes()).hasSize(1);
  }

  @Test
  void anEventIdClaimedByAnInstanceThatDiedIsTakenOverAfterTheClaimTimeout() throws Exception {
    String eventId = "evt-" + UUID.randomUUID();
    try (var died = new WebhookEventIds(jdbcTemplate, Duration.ofMinutes(1));
        var survivor = new WebhookEventIds(jdbcTemplate, Duration.ofMillis(300))) {
      assertThat(died.claim(tenant(), eventId, new WebhookRequestEvent()))
          .isEqualTo(WebhookEventIds.Claim.CLAIMED);
      assertThat(survivor.claim(tenant(), eventId, new WebhookRequestEvent()))
          .isEqualTo(WebhookEventIds.Claim.IN_FLIGHT);
      var otherCompany = new Tenant(company + 1_000, org);
      assertThat(survivor.claim(otherCompany, eventId, new WebhookRequestEvent()))
          .as("event ids are per tenant")
          .isEqualTo(WebhookEventIds.Claim.CLAIMED);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  survivor.claim(tenant(), eventId, new WebhookRequestEvent())
                      == WebhookEventIds.Claim.CLAIMED);
      survivor.accepted(tenant(), eventId);
      assertThat(died.claim(tenant(), eventId, new WebhookRequestEvent()))
          .isNotEqualTo(WebhookEventIds.Claim.CLAIMED);
    }
  }

  private Tenant tenant() {
    return new Tenant(company, org);
  }

  private String contact(String eventId, String recordId) {
    return """
        {"event_id": "%s", "event_type": "updated", "organization_id": "%s",
         "timestamp": "2026-03-21T10:41:55Z", "changed_fields": ["Cask_Investor__c"],
         "data": {"Id": "%s", "LastName": "Okafor", "Phone": null, "Cask_Investor__c": true,
                  "SystemModstamp": "2026-03-21T10:41:54.000+0000"}}
        """
        .formatted(eventId, org.value(), recordId);
  }

  private String sign(String key, String body) {
    return WebhookSignature.header(bytes(key), clock.instant().getEpochSecond(), bytes(body));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private List<SalesforceRecordChanged> changes() {
    return ChangeLog.ofCompany(company).stream().map(ChangeLog.Entry::change).toList();
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertError(
      HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    var error = JSON.readTree(response.body());
    assertThat(error.get("error").asString()).isEqualTo(code);
    return assertThat(error.get("message").asString());
  }

  private HttpResponse<String> post(String entity, String body, String signature) throws Exception {
    return send(entity, body, signature, "application/json", false);
  }

  private HttpResponse<String> send(
      String entity, String body, String signature, String contentType, boolean chunked)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/salesforce/webhook/" + entity))
            .header("Content-Type", contentType);
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    request.POST(
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(bytes(body)))
            : HttpRequest.BodyPublishers.ofString(body));
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
