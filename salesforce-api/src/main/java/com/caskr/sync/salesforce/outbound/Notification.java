package com.caskr.sync.salesforce.outbound;

import com.caskr.sync.schema.SalesforceId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notification: the record's fields as sent, in order, values as text. A field sent as {@code
 * xsi:nil="true"} maps to null; a field left out is absent.
 *
 * @param id the notification id (04l…): the deduplication key
 * @param recordId the record's {@code sf:Id}
 */
public record Notification(
    SalesforceId id, String sObjectType, SalesforceId recordId, Map<String, String> fields) {

  public Notification {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
