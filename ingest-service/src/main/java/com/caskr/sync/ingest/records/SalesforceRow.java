package com.caskr.sync.ingest.records;

import com.caskr.sync.salesforce.rest.Soql;
import com.caskr.sync.schema.SalesforceId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as a query returned it.
 *
 * @param fields API name to value, without the {@code attributes} object
 */
public record SalesforceRow(
    SalesforceId id, Instant systemModstamp, boolean deleted, Map<String, Object> fields) {

  public SalesforceRow {
    if (id == null || systemModstamp == null) {
      throw new IllegalArgumentException("A row needs its Id and SystemModstamp");
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A REST query row ({@code SystemModstamp} as {@code 2024-01-15T10:30:00.000+0000}). */
  public static SalesforceRow fromQuery(Map<String, Object> record) {
    var fields = new LinkedHashMap<String, Object>(record);
    fields.remove("attributes");
    fields.replaceAll(
        (name, value) -> value instanceof Map<?, ?> parent ? relationship(parent) : value);
    Object id = fields.get("Id");
    Object modstamp = fields.get("SystemModstamp");
    if (!(id instanceof String idText) || !(modstamp instanceof String modstampText)) {
      throw new IllegalArgumentException("A queried row lacks Id or SystemModstamp");
    }
    return new SalesforceRow(
        SalesforceId.of(idText),
        Soql.parseDateTime(modstampText),
        Boolean.TRUE.equals(fields.get("IsDeleted")),
        fields);
  }

  /** A parent relationship ({@code Owner.Email}) without its {@code attributes}. */
  private static Map<String, Object> relationship(Map<?, ?> parent) {
    var copy = new LinkedHashMap<String, Object>();
    parent.forEach(
        (key, value) -> {
          if (!"attributes".equals(key)) {
            copy.put(String.valueOf(key), value);
          }
        });
    return copy;
  }
}
