package com.caskr.sync.writeback.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to send for one row.
 *
 * @param salesforceId the linked record, or null for a record to create by external id
 * @param fields by Salesforce field name, without Id or the external id
 * @param snapshot the values, by Caskr field, that become the last synced state once written
 */
public record Write(
    Target target,
    long companyId,
    long caskrId,
    String salesforceId,
    Map<String, Object> fields,
    Map<String, Object> snapshot,
    Priority priority) {

  public Write {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(priority, "priority");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    snapshot = Collections.unmodifiableMap(new LinkedHashMap<>(snapshot));
  }

  /** Whether this creates (or finds by external id) a record not linked yet. */
  public boolean isNew() {
    return salesforceId == null;
  }

  /** The record as sent: Salesforce fields plus {@code Id} or the external id. */
  public Map<String, Object> record() {
    Map<String, Object> record = new LinkedHashMap<>(fields);
    if (isNew()) {
      record.put(target.externalIdField(), Target.externalId(caskrId));
    } else {
      record.put("Id", salesforceId);
    }
    return record;
  }
}
