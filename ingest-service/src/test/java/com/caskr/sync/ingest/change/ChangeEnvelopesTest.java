package com.caskr.sync.ingest.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEnvelopesTest {

  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant MODSTAMP = Instant.parse("2026-11-22T08:59:58Z");
  private static final Tenant TENANT = new Tenant(42, SalesforceId.of("00D5e000000CsKq"));
  private static final SalesforceId ACCOUNT = SalesforceId.of("0015e00000Kx7Qz");

  private final ChangeEnvelopes envelopes = new ChangeEnvelopes(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void buildsAnUpsertKeyedByOrgAndRecordWithDefaults() {
    var fields = new HashMap<String, Object>();
    fields.put("Name", "Copper Still Tavern");
    fields.put("Phone", null);

    SalesforceRecordChanged change =
        envelopes
            .change(TENANT, SalesforceEntity.ACCOUNT, ACCOUNT, ChangeSource.WEBHOOK, MODSTAMP)
            .fields(fields)
            .build();

    assertThat(change.kafkaKey()).isEqualTo("00D5e000000CsKqEAK/0015e00000Kx7QzAAJ");
    assertThat(change.receivedAt()).isEqualTo(NOW);
    assertThat(change.occurredAt()).isEqualTo(MODSTAMP);
    assertThat(change.sourceVersion()).isEqualTo(MODSTAMP);
    assertThat(change.changedFields()).isEmpty();
    assertThat(change.fields()).containsEntry("Phone", null).hasSize(2);
    assertThat(change.lineItems()).isNull();
    assertThat(change.echo()).isFalse();
    assertThat(change.traceId()).matches("[0-9a-f]{32}");
  }

  @Test
  void eachEnvelopeGetsItsOwnEventId() {
    var builder =
        envelopes.change(TENANT, SalesforceEntity.ACCOUNT, ACCOUNT, ChangeSource.POLL, MODSTAMP);
    assertThat(builder.build().eventId()).isNotEqualTo(builder.build().eventId());
  }

  @Test
  void flagsOurOwnWritebackAsAnEcho() {
    SalesforceRecordChanged change =
        envelopes
            .change(TENANT, SalesforceEntity.ACCOUNT, ACCOUNT, ChangeSource.PUBSUB_CDC, MODSTAMP)
            .changeOrigin("com/salesforce/api/rest/64.0;client=caskr-sync")
            .build();
    assertThat(change.echo()).isTrue();
  }

  @Test
  void opportunityCarriesItsLineItems() {
    SalesforceRecordChanged change =
        envelopes
            .change(
                TENANT,
                SalesforceEntity.OPPORTUNITY,
                SalesforceId.of("0065e00000AbCdE"),
                ChangeSource.OUTBOUND_MESSAGE,
                MODSTAMP)
            .lineItems(List.of(Map.of("Id", "00k5e00000AbCdE", "Quantity", 12)))
            .build();
    assertThat(change.lineItems()).hasSize(1);
  }

  @Test
  void refusesARecordIdOfAnotherEntity() {
    assertThatThrownBy(
            () ->
                envelopes
                    .change(
                        TENANT, SalesforceEntity.CONTACT, ACCOUNT, ChangeSource.WEBHOOK, MODSTAMP)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordId");
  }

  @Test
  void mapsPathSegmentsToEntities() {
    assertThat(SalesforceEntities.fromPathSegment("opportunity"))
        .contains(SalesforceEntity.OPPORTUNITY);
    assertThat(SalesforceEntities.fromPathSegment("Account")).contains(SalesforceEntity.ACCOUNT);
    assertThat(SalesforceEntities.fromPathSegment("lead")).isEmpty();
    assertThat(SalesforceEntities.fromApiName("Contact")).contains(SalesforceEntity.CONTACT);
    assertThat(SalesforceEntities.fromApiName("OpportunityLineItem")).isEmpty();
  }
}
