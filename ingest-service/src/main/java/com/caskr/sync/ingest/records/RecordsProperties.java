package com.caskr.sync.ingest.records;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ingest.records.extra-fields}: fields read beyond the standard ones, per entity (the org's
 * custom fields that mapping-service maps, e.g. {@code Contact: [Cask_Investor__c]}).
 */
@ConfigurationProperties("ingest.records")
record RecordsProperties(Map<SalesforceEntity, List<String>> extraFields) {

  RecordsProperties {
    extraFields = extraFields == null ? Map.of() : Map.copyOf(extraFields);
  }
}
