package com.caskr.sync.schema.events;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Salesforce record changed: the one envelope of {@code salesforce.account.changed.v1}, {@code
 * salesforce.contact.changed.v1} and {@code salesforce.opportunity.changed.v1}, whichever ingest
 * channel saw the change.
 *
 * @param recordId the changed record; its key prefix must match {@code entity}
 * @param sourceVersion SystemModstamp or CDC commitTimestamp; consumers drop an event whose
 *     sourceVersion is older than what they already applied (several channels report one change)
 * @param changedFields API names that changed; empty means "not known, treat all as changed"
 * @param fields API name to JSON value (see {@link #fields()}); a null value means the field is
 *     empty in Salesforce, an absent key means the producer did not read it
 * @param lineItems Opportunity only: the full current set of OpportunityLineItem field maps
 *     (possibly empty); null for every other entity
 * @param changeOrigin the CDC header's changeOrigin, or null when the channel has none
 * @param echo true when the change was made by our own writeback; consumers must not write it back
 *     into Caskr as a new edit
 * @param receivedAt when ingest-service received it
 */
public record SalesforceRecordChanged(
    UUID eventId,
    int schemaVersion,
    Tenant tenant,
    SalesforceEntity entity,
    SalesforceId recordId,
    ChangeType changeType,
    ChangeSource source,
    Instant sourceVersion,
    List<String> changedFields,
    Map<String, Object> fields,
    List<Map<String, Object>> lineItems,
    String changeOrigin,
    boolean echo,
    Instant occurredAt,
    Instant receivedAt,
    String traceId)
    implements SyncEvent {

  public static final int SCHEMA_VERSION = 1;

  /**
   * The client name writeback-service sends in {@code Sforce-Call-Options: client=caskr-sync};
   * Salesforce reports it back in CDC's changeOrigin, which is how echoes are recognised.
   */
  public static final String WRITEBACK_CLIENT = "caskr-sync";

  private static final String TYPE = "SalesforceRecordChanged";

  public SalesforceRecordChanged {
    Checks.envelope(TYPE, eventId, schemaVersion, tenant, occurredAt, traceId);
    tenant.requireOrgId(TYPE);
    Checks.required(TYPE, "entity", entity);
    Checks.required(TYPE, "recordId", recordId);
    Checks.keyPrefix(TYPE, "recordId", recordId, entity.keyPrefix());
    Checks.required(TYPE, "changeType", changeType);
    Checks.required(TYPE, "source", source);
    Checks.required(TYPE, "sourceVersion", sourceVersion);
    changedFields = Checks.salesforceFields(TYPE, "changedFields", changedFields);
    fields = JsonValues.object(TYPE, "fields", fields);
    for (String name : fields.keySet()) {
      Checks.salesforceField(TYPE, "fields key", name);
    }
    lineItems =
        switch (entity) {
          case OPPORTUNITY -> JsonValues.objects(TYPE, "lineItems", lineItems);
          case ACCOUNT, CONTACT -> {
            if (lineItems != null) {
              throw Checks.invalid(TYPE, "lineItems", "must be null for " + entity.apiName());
            }
            yield null;
          }
        };
    Checks.optionalText(TYPE, "changeOrigin", changeOrigin);
    if (isOwnWriteback(changeOrigin) && !echo) {
      throw Checks.invalid(
          TYPE, "echo", "must be true when changeOrigin carries client=" + WRITEBACK_CLIENT);
    }
    Checks.required(TYPE, "receivedAt", receivedAt);
  }

  /**
   * Whether a CDC changeOrigin (e.g. {@code com/salesforce/api/rest/64.0;client=caskr-sync}) names
   * our writeback client.
   */
  public static boolean isOwnWriteback(String changeOrigin) {
    if (changeOrigin == null) {
      return false;
    }
    for (String part : changeOrigin.split(";")) {
      String option = part.strip();
      if (option.startsWith("client=")) {
        String client = option.substring("client=".length());
        if (client.endsWith("/")) {
          client = client.substring(0, client.length() - 1);
        }
        if (client.equals(WRITEBACK_CLIENT)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code <orgId18>/<recordId18>}. */
  @Override
  public String kafkaKey() {
    return tenant.orgId().value() + "/" + recordId.value();
  }
}
