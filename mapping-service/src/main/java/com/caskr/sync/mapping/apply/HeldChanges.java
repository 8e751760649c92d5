package com.caskr.sync.mapping.apply;

import com.caskr.sync.schema.events.SalesforceRecordChanged;
import com.caskr.sync.schema.json.EventJson;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts a change a person must look at into crm_review_holds with the whole event, so it can be
 * applied once the cause is fixed; a newer change of the same record and reason replaces it.
 */
final class HeldChanges {

  private final JdbcClient jdbc;

  HeldChanges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void hold(
      SalesforceRecordChanged event, String reason, Map<String, Object> details, Long caskrId) {
    jdbc.sql(
            "INSERT INTO mapping.crm_review_holds (company_id, org_id, entity, direction,"
                + " salesforce_id, caskr_id, reason, details, payload, source_event_id)"
                + " VALUES (?, ?, ?, 'INBOUND', ?, ?, ?, ?::jsonb, ?::jsonb, ?)"
                + " ON CONFLICT (company_id, entity, salesforce_id, reason)"
                + " WHERE status = 'HELD' AND salesforce_id IS NOT NULL DO UPDATE SET"
                + " caskr_id = excluded.caskr_id, details = excluded.details,"
                + " payload = excluded.payload, source_event_id = excluded.source_event_id,"
                + " held_at = now()")
        .params(
            event.tenant().companyId(),
            event.tenant().orgId().value(),
            event.entity().apiName(),
            event.recordId().value(),
            caskrId,
            reason,
            EventJson.mapper().writeValueAsString(details),
            EventJson.mapper().writeValueAsString(event),
            event.eventId())
        .update();
  }
}
