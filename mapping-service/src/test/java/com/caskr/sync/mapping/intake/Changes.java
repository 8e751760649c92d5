package com.caskr.sync.mapping.intake;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data in the domain's language: {@code Changes.account(tenant, id).with("Industry",
 * "Retail")}.
 */
final class Changes {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Tenant tenant;
  private final SalesforceEntity entity;
  private final SalesforceId recordId;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<Map<String, Object>> lineItems = new ArrayList<>();
  private UUID eventId = UUID.randomUUID();
  private ChangeType changeType = ChangeType.UPSERT;
  private ChangeSource source = ChangeSource.PUBSUB_CDC;
  private Instant sourceVersion = Instant.now();
  private boolean echo;

  private Changes(Tenant tenant, SalesforceEntity entity, SalesforceId recordId) {
    this.tenant = tenant;
    this.entity = entity;
    this.recordId = recordId;
  }

  static SalesforceId newId(String keyPrefix) {
    StringBuilder id = new StringBuilder(keyPrefix);
    while (id.length() < 15) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return SalesforceId.of(id.toString());
  }

  static Changes account(Tenant tenant, SalesforceId id) {
    return new Changes(tenant, SalesforceEntity.ACCOUNT, id);
  }

  static Changes opportunity(Tenant tenant, SalesforceId id) {
    return new Changes(tenant, SalesforceEntity.OPPORTUNITY, id);
  }

  static Changes contact(Tenant tenant, SalesforceId id) {
    return new Changes(tenant, SalesforceEntity.CONTACT, id);
  }

  Changes with(String field, Object value) {
    fields.put(field, value);
    return this;
  }

  Changes line(String productCode, int quantity, String unitPrice) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("Id", newId("00k").value());
    item.put("ProductCode", productCode);
    item.put("Quantity", quantity);
    item.put("UnitPrice", new java.math.BigDecimal(unitPrice));
    item.put(
        "TotalPrice",
        new java.math.BigDecimal(unitPrice).multiply(java.math.BigDecimal.valueOf(quantity)));
    lineItems.add(item);
    return this;
  }

  Changes version(Instant version) {
    this.sourceVersion = version;
    return this;
  }

  Changes eventId(UUID id) {
    this.eventId = id;
    return this;
  }

  Changes type(ChangeType type) {
    this.changeType = type;
    return this;
  }

  Changes source(ChangeSource source) {
    this.source = source;
    return this;
  }

  Changes echo() {
    this.echo = true;
    return this;
  }

  SalesforceRecordChanged build() {
    return new SalesforceRecordChanged(
        eventId,
        SalesforceRecordChanged.SCHEMA_VERSION,
        tenant,
        entity,
        recordId,
        changeType,
        source,
        sourceVersion,
        List.of(),
        fields,
        entity == SalesforceEntity.OPPORTUNITY ? lineItems : null,
        echo ? "com/salesforce/api/rest/64.0;client=caskr-sync" : null,
        echo,
        sourceVersion,
        Instant.now(),
        "trace-" + eventId);
  }
}
