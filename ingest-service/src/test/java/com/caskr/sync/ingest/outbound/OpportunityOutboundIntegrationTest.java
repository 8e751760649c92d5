package com.caskr.sync.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.caskr.sync.emulator.org.Caller;
import com.caskr.sync.emulator.org.Org;
import com.caskr.sync.ingest.connections.ConnectedOrgs;
import com.caskr.sync.ingest.salesforce.OrgTokens;
import com.caskr.sync.ingest.testing.ChangeLog;
import com.caskr.sync.ingest.testing.Connections;
import com.caskr.sync.ingest.testing.Emulator;
import com.caskr.sync.ingest.testing.EmulatorTokens;
import com.caskr.sync.ingest.testing.OrgAccess;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ConnectionState;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * An opportunity's Outbound Message becomes an event with the opportunity's current line items and
 * its owner's email, read over REST with the company's token (real emulator sessions stand in for
 * auth-service).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesTestInfrastructure
class OpportunityOutboundIntegrationTest {

  private static final long COMPANY = 5_700;
  private static final Emulator EMULATOR = Emulator.shared();
  private static final EmulatorTokens TOKENS = new EmulatorTokens();

  @TestConfiguration
  static class Tokens {
    @Bean
    @Primary
    OrgTokens emulatorTokens() {
      return TOKENS;
    }
  }

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, SyncEvent> kafka;
  @Autowired private ConnectedOrgs orgs;

  @Test
  void anOpportunityNotificationCarriesTheCurrentLineItems() {
    OrgAccess access = EMULATOR.newOrg("Opportunity outbound");
    TOKENS.connect(COMPANY, access);
    var connected =
        Connections.changed(
            COMPANY, access.orgId(), ConnectionState.CONNECTED, URI.create(EMULATOR.baseUrl()));
    kafka
        .send(TopicCatalogue.AUTH_CONNECTION_CHANGED.name(), connected.kafkaKey(), connected)
        .join();
    await().atMost(Duration.ofSeconds(30)).until(() -> orgs.byOrgId(access.orgId()).isPresent());
    Org org = access.org();
    EMULATOR.admin(
        org,
        "outbound-messages",
        """
        {"object": "Opportunity",
         "condition": {"type": "fieldEnters", "field": "StageName", "value": "Closed Won"},
         "fields": ["Name", "StageName", "OwnerId", "SystemModstamp"],
         "endpointUrl": "http://127.0.0.1:%d/api/salesforce/outbound/opportunity"}
        """
            .formatted(port));

    Caller admin = Caller.user(org.adminUserId());
    String product =
        org.create(
            "Product2",
            Map.of("Name", "Single malt cask", "ProductCode", "CASK-SM", "IsActive", true),
            admin);
    String entry =
        org.create(
            "PricebookEntry",
            Map.of(
                "Pricebook2Id",
                org.standardPricebookId(),
                "Product2Id",
                product,
                "UnitPrice",
                "4200.00",
                "IsActive",
                true),
            admin);
    String opportunity =
        org.create(
            "Opportunity",
            Map.of("Name", "Ten casks", "StageName", "Prospecting", "CloseDate", "2026-12-31"),
            admin);
    org.create(
        "OpportunityLineItem",
        Map.of(
            "OpportunityId",
            opportunity,
            "PricebookEntryId",
            entry,
            "Quantity",
            10,
            "UnitPrice",
            "4200.00"),
        admin);
    org.update("Opportunity", opportunity, Map.of("StageName", "Closed Won"), admin);

    await().atMost(Duration.ofSeconds(90)).until(() -> !ChangeLog.ofCompany(COMPANY).isEmpty());
    List<SalesforceRecordChanged> changes =
        ChangeLog.ofCompany(COMPANY).stream().map(ChangeLog.Entry::change).toList();
    SalesforceRecordChanged change = changes.getFirst();
    assertThat(change.source()).isEqualTo(ChangeSource.OUTBOUND_MESSAGE);
    assertThat(change.entity()).isEqualTo(SalesforceEntity.OPPORTUNITY);
    assertThat(change.recordId()).isEqualTo(SalesforceId.of(opportunity));
    assertThat(change.fields()).containsEntry("StageName", "Closed Won");
    // Outbound Messages carry OwnerId only; the owner's email is read from the org.
    String owner = SalesforceId.of(org.adminUserId()).value();
    assertThat(change.fields())
        .containsEntry("OwnerId", owner)
        .containsEntry(
            "Owner",
            Map.of("Id", owner, "Email", org.row(org.adminUserId()).orElseThrow().get("Email")));
    assertThat(change.lineItems()).hasSize(1);
    assertThat(change.lineItems().getFirst())
        .containsEntry("PricebookEntryId", SalesforceId.of(entry).value())
        .containsEntry("ProductCode", "CASK-SM")
        .doesNotContainKey("attributes");
  }
}
