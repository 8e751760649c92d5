package com.caskr.sync.ingest.webhook;

import com.caskr.sync.ingest.change.SalesforceDatetimes;
import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON webhook as the README documents it:
 *
 * <pre>{@code
 * {"event_id": "…", "event_type": "created|updated|deleted|undeleted",
 *  "organization_id": "00D…", "timestamp": "2026-03-21T10:41:55Z",
 *  "changed_fields": ["Phone"],            (optional)
 *  "data": {"Id": "003…", "SystemModstamp": "…", …},
 *  "line_items": [{…}, …]}                 (opportunity only, required there)
 * }</pre>
 *
 * Duplicate keys and trailing content are refused: a body that two parsers could read differently
 * is not one to sign off.
 */
record WebhookPayload(
    String eventId,
    ChangeType changeType,
    SalesforceId organizationId,
    Instant timestamp,
    List<String> changedFields,
    Map<String, Object> data,
    List<Map<String, Object>> lineItems) {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Reads a body as an ordered map; built once: resolving the {@code TypeReference} on every call
   * was a quarter of the parse (JFR of the webhook benchmark).
   */
  private static final ObjectReader OBJECT =
      JSON.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

  /**
   * The body is not a webhook; {@code code} is the JSON error code, the message names the field.
   */
  static final class Invalid extends Exception {

    private final String code;

    Invalid(String code, String message) {
      super(message);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** The record id the change is about ({@code data.Id}). */
  SalesforceId recordId() {
    return SalesforceId.of((String) data.get("Id"));
  }

  /** {@code data.SystemModstamp} when sent, else the event's timestamp. */
  Instant sourceVersion() throws Invalid {
    Object modstamp = data.get("SystemModstamp");
    return modstamp == null ? timestamp : instant("data.SystemModstamp", modstamp);
  }

  Tenant tenantOf(long companyId) {
    return new Tenant(companyId, organizationId);
  }

  static WebhookPayload parse(byte[] body, boolean needsLineItems) throws Invalid {
    Map<String, Object> root;
    try {
      root = OBJECT.readValue(body);
    } catch (JacksonException e) {
      throw new Invalid(
          "malformed_json", "The body is not a JSON object: " + e.getOriginalMessage());
    }
    if (root == null) {
      throw new Invalid("malformed_json", "The body is not a JSON object");
    }
    String eventId = text(root, "event_id");
    if (eventId.length() > 255) {
      throw new Invalid("invalid_field", "event_id is longer than 255 characters");
    }
    // Claims of concurrent webhooks share a statement: an id PostgreSQL refuses (NUL) must not
    // fail the others' claims.
    for (int i = 0; i < eventId.length(); i++) {
      if (Character.isISOControl(eventId.charAt(i))) {
        throw new Invalid("invalid_field", "event_id must not contain control characters");
      }
    }
    ChangeType type =
        switch (text(root, "event_type")) {
          case "created", "updated" -> ChangeType.UPSERT;
          case "deleted" -> ChangeType.DELETE;
          case "undeleted" -> ChangeType.UNDELETE;
          default ->
              throw new Invalid(
                  "invalid_field", "event_type must be created, updated, deleted or undeleted");
        };
    String org = text(root, "organization_id");
    if (!SalesforceId.isValid(org) || !SalesforceId.of(org).hasKeyPrefix(Tenant.ORG_KEY_PREFIX)) {
      throw new Invalid("invalid_field", "organization_id is not an Organization id (00D…)");
    }
    Instant timestamp = instant("timestamp", required(root, "timestamp"));
    Map<String, Object> data = object(required(root, "data"), "data");
    Object id = data.get("Id");
    if (!(id instanceof String recordId) || !SalesforceId.isValid(recordId)) {
      throw new Invalid(
          id == null ? "missing_field" : "invalid_field",
          id == null ? "data.Id is required" : "data.Id is not a Salesforce id");
    }
    List<String> changed = List.of();
    if (root.get("changed_fields") != null) {
      if (!(root.get("changed_fields") instanceof List<?> list)
          || !list.stream().allMatch(String.class::isInstance)) {
        throw new Invalid("invalid_field", "changed_fields must be an array of field names");
      }
      changed = list.stream().map(String.class::cast).toList();
    }
    List<Map<String, Object>> lineItems = null;
    if (needsLineItems) {
      if (!(required(root, "line_items") instanceof List<?> items)) {
        throw new Invalid("invalid_field", "line_items must be an array of objects");
      }
      lineItems = items.stream().map(item -> (Object) item).map(WebhookPayload::lineItem).toList();
      if (lineItems.contains(null)) {
        throw new Invalid("invalid_field", "line_items must be an array of objects");
      }
    } else if (root.containsKey("line_items")) {
      throw new Invalid("invalid_field", "line_items are for opportunities only");
    }
    return new WebhookPayload(
        eventId, type, SalesforceId.of(org), timestamp, changed, data, lineItems);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lineItem(Object item) {
    return item instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String field) throws Invalid {
    if (!(value instanceof Map<?, ?> map)) {
      throw new Invalid("invalid_field", field + " must be an object");
    }
    return (Map<String, Object>) map;
  }

  private static Object required(Map<String, Object> root, String field) throws Invalid {
    Object value = root.get(field);
    if (value == null) {
      throw new Invalid("missing_field", field + " is required");
    }
    return value;
  }

  private static String text(Map<String, Object> root, String field) throws Invalid {
    if (!(required(root, field) instanceof String text) || text.isBlank()) {
      throw new Invalid("invalid_field", field + " must be a non-empty string");
    }
    return text;
  }

  private static Instant instant(String field, Object value) throws Invalid {
    if (value instanceof String text) {
      try {
        return SalesforceDatetimes.parse(text);
      } catch (IllegalArgumentException e) {
        // Fall through to the error below.
      }
    }
    throw new Invalid("invalid_field", field + " must be an ISO-8601 datetime with offset");
  }
}
