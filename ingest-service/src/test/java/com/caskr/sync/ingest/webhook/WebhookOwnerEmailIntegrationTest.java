package com.caskr.sync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.ingest.testing.PrimaryEmulatorTokens;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ConnectionState;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A webhook whose data carries only OwnerId is published with the owner's email, read from the org
 * once and then taken from the per-org cache; one that already carries the Owner relationship is
 * published as sent.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ingest.polling.enabled=false",
      "ingest.pubsub.enabled=false",
      "ingest.reconcile.enabled=false"
    })
@UsesTestInfrastructure
@Import(PrimaryEmulatorTokens.class)
class WebhookOwnerEmailIntegrationTest {

  private static final long COMPANY = 5_950;
  private static final String PASSWORD = "owner email password";
  private static final Emulator EMULATOR = Emulator.shared();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("ingest.webhook.keyset-json", WebhookSecretVault::newJsonKeyset);
    registry.add("caskr.admin.users[0].username", () -> "owner-admin");
    registry.add(
        "caskr.admin.users[0].password-hash",
        () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD));
    registry.add("caskr.admin.users[0].role", () -> "ADMIN");
    registry.add("caskr.admin.users[0].companies", () -> "*");
  }

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConnectedOrgs orgs;

  @Test
  void aWebhookWithOwnerIdCarriesTheOwnersEmailReadOncePerOwner() throws Exception {
    OrgAccess access = EMULATOR.newOrg("Webhook owner");
    PrimaryEmulatorTokens.TOKENS.connect(COMPANY, access);
    var connected =
        Connections.changed(
            COMPANY, access.orgId(), ConnectionState.CONNECTED, URI.create(EMULATOR.baseUrl()));
    kafka
        .send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), connected.kafkaKey(), connected)
        .join();
    await().atMost(Duration.ofSeconds(30)).until(() -> orgs.byOrgId(access.orgId()).isPresent());
    byte[] secret = SecretRotation.newSecret(port, COMPANY, "owner-admin", PASSWORD);
    String owner = SalesforceId.of(access.org().adminUserId()).value();
    Object email = access.org().row(owner).orElseThrow().get("Email");

    assertThat(post(secret, access, "001000000000001", owner, null)).isEqualTo(202);
    long usedAfterFirst = access.org().apiUsage().used();
    assertThat(post(secret, access, "001000000000002", owner, null)).isEqualTo(202);
    assertThat(
            post(
                secret,
                access,
                "001000000000003",
                owner,
                "{\"Id\": \"" + owner + "\", \"Email\": \"sent@example.com\"}"))
        .isEqualTo(202);

    // Three records on different partitions: look them up by id, not by position.
    Map<String, SalesforceRecordChanged> changes =
        ChangeLog.ofCompany(COMPANY).stream()
            .map(ChangeLog.Entry::change)
            .collect(Collectors.toMap(change -> change.recordId().value(), change -> change));
    assertThat(changes).hasSize(3);
    assertThat(changes.get(id("001000000000001")).fields())
        .containsEntry("Owner", Map.of("Id", owner, "Email", email));
    assertThat(changes.get(id("001000000000002")).fields())
        .containsEntry("Owner", Map.of("Id", owner, "Email", email));
    assertThat(changes.get(id("001000000000003")).fields())
        .containsEntry("Owner", Map.of("Id", owner, "Email", "sent@example.com"));
    // The second owner lookup came from the cache: no API call after the first webhook.
    assertThat(access.org().apiUsage().used()).isEqualTo(usedAfterFirst);
  }

  private static String id(String id15) {
    return SalesforceId.of(id15).value();
  }

  private int post(byte[] secret, OrgAccess access, String account, String owner, String ownerJson)
      throws Exception {
    String body =
        """
        {"event_id": "%s", "event_type": "updated", "organization_id": "%s",
         "timestamp": "2026-11-22T09:00:00Z",
         "data": {"Id": "%s", "Name": "Owned", "OwnerId": "%s"%s}}
        """
            .formatted(
                UUID.randomUUID(),
                access.orgId().value(),
                SalesforceId.of(account).value(),
                owner,
                ownerJson == null ? "" : ", \"Owner\": " + ownerJson);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/salesforce/webhook/account"))
                .header("Content-Type", "application/json")
                .header(
                    WebhookSignature.HEADER,
                    WebhookSignature.header(secret, Instant.now().getEpochSecond(), bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
