package com.caskr.sync.mapping.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.caskr.sync.mapping.testing.PublishedEvents;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.OrderSynced;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.events.SyncEvent;
import com.caskr.sync.schema.topics.TopicCatalogue;
import com.caskr.sync.testing.UsesTestInfrastructure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * ARCHITECTURE.md §5.2 and §5.3 for Contacts and Opportunities (the Account cases are in {@link
 * SalesforceChangeIntakeIntegrationTest}): a redelivered event changes nothing, a change whose
 * sourceVersion is not newer than the applied one (an older one arriving late, or the same change
 * from a second channel) is skipped as STALE. Events go through the real broker keyed {@code
 * <org18>/<record18>} as ingest-service produces them.
 */
@UsesTestInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "mapping.intake.retries=2",
      "mapping.intake.initial-backoff=20ms",
      "mapping.intake.max-backoff=100ms",
      "mapping.outbox.poll-interval=200ms"
    })
class ContactAndOpportunityOrderingIntegrationTest {

  @Autowired private JdbcClient jdbc;
  @Autowired private ConsumerFactory<String, SyncEvent> consumers;

  private Intake intake;

  @Autowired
  void tools(JdbcClient jdbc) {
    this.intake = new Intake(jdbc);
  }

  @Test
  void aContactAppliesEachEventOnceAndSkipsStaleAndLateOnes() {
    Tenant tenant = intake.connectedCompany();
    SalesforceId contact = Changes.newId("003");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UUID first = UUID.randomUUID();
    SalesforceRecordChanged created =
        Changes.contact(tenant, contact)
            .eventId(first)
            .version(t0)
            .with("Email", "dana@copper.example")
            .with("LastName", "Whitfield")
            .build();

    intake.send(created);
    intake.send(created);
    intake.send(
        Changes.contact(tenant, contact)
            .version(t0.plusSeconds(10))
            .with("Phone", "+1 502 555 0101")
            .build());
    intake.send(
        Changes.contact(tenant, contact)
            .version(t0.plusSeconds(10))
            .source(ChangeSource.POLL)
            .with("Phone", "+1 502 555 0101")
            .build());
    intake.send(
        Changes.contact(tenant, contact)
            .version(t0.plusSeconds(5))
            .source(ChangeSource.OUTBOUND_MESSAGE)
            .with("Phone", "late")
            .with("LastName", "Late")
            .build());

    assertThat(intake.awaitLog(tenant, contact, 4))
        .containsExactly(
            "CREATE SUCCESS null",
            "UPDATE SUCCESS null",
            "SKIP SKIPPED STALE",
            "SKIP SKIPPED STALE");
    assertThat(intake.awaitRow("caskr.portal_users", "salesforce_contact_id", tenant, contact))
        .containsEntry("email", "dana@copper.example")
        .containsEntry("last_name", "Whitfield")
        .containsEntry("phone", "+1 502 555 0101");
    assertThat(intake.count("caskr.portal_users", tenant.companyId())).isOne();
    assertThat(intake.count("mapping.processed_events", tenant.companyId()))
        .as("the redelivered event is in the ledger once")
        .isEqualTo(4);
    assertThat(lastSourceVersion(tenant, contact)).isEqualTo(t0.plusSeconds(10));
  }

  @Test
  void anOpportunityAppliesEachEventOnceAndALateStageChangeIsNoConflict() {
    Tenant tenant = intake.connectedCompany();
    intake.product(tenant, "CASK-BOURBON-53GAL");
    SalesforceId account = Changes.newId("001");
    SalesforceId deal = Changes.newId("006");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SalesforceRecordChanged won =
        Changes.opportunity(tenant, deal)
            .version(t0)
            .with("Name", "Barrel Pick")
            .with("AccountId", account.value())
            .with("StageName", "Closed Won")
            .with("CloseDate", "2026-03-18")
            .with("Amount", new BigDecimal("7950.00"))
            .line("CASK-BOURBON-53GAL", 1, "7950.00")
            .build();

    intake.send(won);
    intake.send(won);
    intake.send(
        Changes.opportunity(tenant, deal)
            .version(t0.plusSeconds(10))
            .with("StageName", "Closed Won")
            .with("Amount", new BigDecimal("15900.00"))
            .line("CASK-BOURBON-53GAL", 2, "7950.00")
            .build());
    intake.send(
        Changes.opportunity(tenant, deal)
            .version(t0.plusSeconds(5))
            .source(ChangeSource.POLL)
            .with("StageName", "Closed Lost")
            .with("Amount", new BigDecimal("1.00"))
            .build());
    intake.send(
        Changes.opportunity(tenant, deal)
            .version(t0.plusSeconds(10))
            .source(ChangeSource.PLATFORM_EVENT)
            .with("StageName", "Closed Won")
            .with("Amount", new BigDecimal("15900.00"))
            .line("CASK-BOURBON-53GAL", 2, "7950.00")
            .build());

    assertThat(intake.awaitLog(tenant, deal, 4))
        .containsExactly(
            "CREATE SUCCESS null",
            "UPDATE SUCCESS null",
            "SKIP SKIPPED STALE",
            "SKIP SKIPPED STALE");
    Map<String, Object> order =
        intake.awaitRow("caskr.orders", "salesforce_opportunity_id", tenant, deal);
    assertThat(order).containsEntry("status", "Confirmed").containsEntry("is_active", true);
    assertThat(new BigDecimal(order.get("total_amount").toString())).isEqualByComparingTo("15900");
    assertThat(
            jdbc.sql(
                    "SELECT quantity::int FROM caskr.order_lines WHERE company_id = ?"
                        + " AND order_id = ?")
                .params(tenant.companyId(), order.get("id"))
                .query(Integer.class)
                .list())
        .containsExactly(2);
    assertThat(intake.count("caskr.orders", tenant.companyId())).isOne();
    assertThat(intake.count("mapping.crm_sync_conflicts", tenant.companyId()))
        .as("the late Closed Lost is stale, not a stage change")
        .isZero();
    List<OrderSynced> synced =
        new PublishedEvents(consumers)
            .await(
                TopicCatalogue.CASKR_ORDER_SYNCED,
                OrderSynced.class,
                event -> event.tenant().companyId() == tenant.companyId(),
                2);
    assertThat(synced)
        .extracting(event -> event.order().totalAmount().stripTrailingZeros().toPlainString())
        .containsExactly("7950", "15900");
    assertThat(lastSourceVersion(tenant, deal)).isEqualTo(t0.plusSeconds(10));
  }

  private Instant lastSourceVersion(Tenant tenant, SalesforceId id) {
    return jdbc.sql(
            "SELECT last_source_version FROM mapping.crm_entity_mappings WHERE company_id = ?"
                + " AND salesforce_id = ?")
        .params(tenant.companyId(), id.value())
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }
}
