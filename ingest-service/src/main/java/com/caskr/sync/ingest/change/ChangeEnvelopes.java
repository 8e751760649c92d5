package com.caskr.sync.ingest.change;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import com.caskr.sync.schema.events.ChangeType;
import com.caskr.sync.schema.events.SalesforceEntity;
import com.caskr.sync.schema.events.SalesforceRecordChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds {@link SalesforceRecordChanged} envelopes the same way for every channel: a fresh event id
 * unless the channel derives one, {@code receivedAt} from the clock, {@code echo} derived from the
 * CDC changeOrigin, and a trace id when the channel has none. The record's constructor validates
 * the result (ids, key prefix, field names, line items only on Opportunity) and throws {@link
 * IllegalArgumentException} naming the field.
 */
public final class ChangeEnvelopes {

  private final Clock clock;

  public ChangeEnvelopes(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts an envelope: an UPSERT with every field treated as changed and {@code occurredAt} equal
   * to {@code sourceVersion} unless set otherwise.
   */
  public Builder change(
      Tenant tenant,
      SalesforceEntity entity,
      SalesforceId recordId,
      ChangeSource source,
      Instant sourceVersion) {
    return new Builder(tenant, entity, recordId, source, sourceVersion);
  }

  /** A new W3C-style trace id (32 lowercase hex characters). */
  public static String newTraceId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The optional parts of one envelope. */
  public final class Builder {

    private final Tenant tenant;
    private final SalesforceEntity entity;
    private final SalesforceId recordId;
    private final ChangeSource source;
    private final Instant sourceVersion;
    private ChangeType changeType = ChangeType.UPSERT;
    private List<String> changedFields = List.of();
    private Map<String, ?> fields = Map.of();
    private List<? extends Map<String, ?>> lineItems;
    private String changeOrigin;
    private Instant occurredAt;
    private String traceId;
    private UUID eventId;

    private Builder(
        Tenant tenant,
        SalesforceEntity entity,
        SalesforceId recordId,
        ChangeSource source,
        Instant sourceVersion) {
      this.tenant = tenant;
      this.entity = entity;
      this.recordId = recordId;
      this.source = source;
      this.sourceVersion = sourceVersion;
    }

    public Builder changeType(ChangeType changeType) {
      this.changeType = changeType;
      return this;
    }

    public Builder changedFields(List<String> changedFields) {
      this.changedFields = changedFields;
      return this;
    }

    public Builder fields(Map<String, ?> fields) {
      this.fields = fields;
      return this;
    }

    /** Opportunity only: the full current set of line items. */
    public Builder lineItems(List<? extends Map<String, ?>> lineItems) {
      this.lineItems = lineItems;
      return this;
    }

    public Builder changeOrigin(String changeOrigin) {
      this.changeOrigin = changeOrigin;
      return this;
    }

    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    /**
     * A deterministic event id (a channel whose redeliveries must share one); a fresh random one
     * otherwise.
     */
    public Builder eventId(UUID eventId) {
      this.eventId = eventId;
      return this;
    }

    public SalesforceRecordChanged build() {
      return new SalesforceRecordChanged(
          eventId == null ? UUID.randomUUID() : eventId,
          SalesforceRecordChanged.SCHEMA_VERSION,
          tenant,
          entity,
          recordId,
          changeType,
          source,
          sourceVersion,
          changedFields,
          // Views, not copies: the record copies fields and line items into immutable canonical
          // values itself.
          fields == null ? null : Collections.<String, Object>unmodifiableMap(fields),
          lineItems == null
              ? null
              : lineItems.stream()
                  .map(
                      item ->
                          item == null ? null : Collections.<String, Object>unmodifiableMap(item))
                  .toList(),
          changeOrigin,
          SalesforceRecordChanged.isOwnWriteback(changeOrigin),
          occurredAt == null ? sourceVersion : occurredAt,
          clock.instant(),
          traceId == null ? newTraceId() : traceId);
    }
  }
}
