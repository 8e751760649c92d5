package com.caskr.sync.ingest.records;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.records}.
 *
 * @param extraFields fields read beyond the standard ones, per entity (the org's custom fields that
 *     mapping-service maps, e.g. {@code Contact: [Cask_Investor__c]})
 * @param ownerEmailTtl how long a Salesforce user's email is reused before it is read again
 */
@ConfigurationProperties("ingest.records")
record RecordsProperties(
    Map<SalesforceEntity, List<String>> extraFields, @DefaultValue("10m") Duration ownerEmailTtl) {

  RecordsProperties {
    extraFields = extraFields == null ? Map.of() : Map.copyOf(extraFields);
    if (ownerEmailTtl.isNegative()) {
      throw new IllegalArgumentException("ingest.records.owner-email-ttl must not be negative");
    }
  }
}
