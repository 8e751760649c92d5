package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data in the domain's language: {@code anAccountChange().withEcho(true).build()}. */
final class SalesforceRecordChangedBuilder {

  static final SalesforceId ORG = SalesforceId.of("00D5e000000CsKq");
  static final SalesforceId TAVERN = SalesforceId.of("0015e00000Kx7Qz");
  static final SalesforceId SPRING_BARREL_DEAL = SalesforceId.of("0065e00000GhT8x");
  static final SalesforceId INVESTOR = SalesforceId.of("0035e00000Dv2Lm");

  private UUID eventId = UUID.fromString("0b6f3d8e-2f43-4d0a-9a55-3f2f3b7e9a01");
  private int schemaVersion = 1;
  private Tenant tenant = new Tenant(42, ORG);
  private SalesforceEntity entity = SalesforceEntity.ACCOUNT;
  private SalesforceId recordId = TAVERN;
  private ChangeType changeType = ChangeType.UPSERT;
  private ChangeSource source = ChangeSource.PUBSUB_CDC;
  private Instant sourceVersion = Instant.parse("2026-03-14T15:09:26Z");
  private List<String> changedFields = List.of("Industry");
  private Map<String, Object> fields =
      Map.of("Name", "Copper Still Tavern", "Industry", "Restaurants");
  private List<Map<String, Object>> lineItems = null;
  private String changeOrigin = null;
  private boolean echo = false;
  private Instant occurredAt = Instant.parse("2026-03-14T15:09:26Z");
  private Instant receivedAt = Instant.parse("2026-03-14T15:09:27.412Z");
  private String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

  static SalesforceRecordChangedBuilder anAccountChange() {
    return new SalesforceRecordChangedBuilder();
  }

  static SalesforceRecordChangedBuilder anOpportunityChange() {
    var line = new LinkedHashMap<String, Object>();
    line.put("ProductCode", "CASK-BOURBON-53GAL");
    line.put("Quantity", 2);
    return new SalesforceRecordChangedBuilder()
        .withEntity(SalesforceEntity.OPPORTUNITY)
        .withRecordId(SPRING_BARREL_DEAL)
        .withFields(Map.of("StageName", "Closed Won"))
        .withLineItems(List.of(line));
  }

  SalesforceRecordChangedBuilder withEventId(UUID eventId) {
    this.eventId = eventId;
    return this;
  }

  SalesforceRecordChangedBuilder withSchemaVersion(int schemaVersion) {
    this.schemaVersion = schemaVersion;
    return this;
  }

  SalesforceRecordChangedBuilder withTenant(Tenant tenant) {
    this.tenant = tenant;
    return this;
  }

  SalesforceRecordChangedBuilder withEntity(SalesforceEntity entity) {
    this.entity = entity;
    return this;
  }

  SalesforceRecordChangedBuilder withRecordId(SalesforceId recordId) {
    this.recordId = recordId;
    return this;
  }

  SalesforceRecordChangedBuilder withChangeType(ChangeType changeType) {
    this.changeType = changeType;
    return this;
  }

  SalesforceRecordChangedBuilder withSource(ChangeSource source) {
    this.source = source;
    return this;
  }

  SalesforceRecordChangedBuilder withSourceVersion(Instant sourceVersion) {
    this.sourceVersion = sourceVersion;
    return this;
  }

  SalesforceRecordChangedBuilder withChangedFields(List<String> changedFields) {
    this.changedFields = changedFields;
    return this;
  }

  SalesforceRecordChangedBuilder withFields(Map<String, Object> fields) {
    this.fields = fields;
    return this;
  }

  SalesforceRecordChangedBuilder withLineItems(List<Map<String, Object>> lineItems) {
    this.lineItems = lineItems;
    return this;
  }

  SalesforceRecordChangedBuilder withChangeOrigin(String changeOrigin) {
    this.changeOrigin = changeOrigin;
    return this;
  }

  SalesforceRecordChangedBuilder withEcho(boolean echo) {
    this.echo = echo;
    return this;
  }

  SalesforceRecordChangedBuilder withOccurredAt(Instant occurredAt) {
    this.occurredAt = occurredAt;
    return this;
  }

  SalesforceRecordChangedBuilder withReceivedAt(Instant receivedAt) {
    this.receivedAt = receivedAt;
    return this;
  }

  SalesforceRecordChangedBuilder withTraceId(String traceId) {
    this.traceId = traceId;
    return this;
  }

  SalesforceRecordChanged build() {
    return new SalesforceRecordChanged(
        eventId,
        schemaVersion,
        tenant,
        entity,
        recordId,
        changeType,
        source,
        sourceVersion,
        changedFields,
        fields,
        lineItems,
        changeOrigin,
        echo,
        occurredAt,
        receivedAt,
        traceId);
  }
}
