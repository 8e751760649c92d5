package com.caskr.sync.mapping.settings;

import com.caskr.sync.mapping.fieldmap.FieldDirection;
import com.caskr.sync.schema.events.ConflictStrategy;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.ZoneId;
import org.springframework.scheduling.support.CronExpression;

/**
 * How one company syncs one Salesforce object (crm_sync_preferences, the company's row or the
 * default).
 *
 * @param direction the master switch over the field directions: SF_TO_CASKR or BIDIRECTIONAL apply
 *     Salesforce changes, CASKR_TO_SF does not
 * @param enabled false stops the sync of the object both ways
 * @param inherited true when this is the default row, not the company's own
 */
public record SyncPreference(
    long companyId,
    SalesforceEntity entity,
    ConflictStrategy conflictStrategy,
    FieldDirection direction,
    boolean enabled,
    int pollIntervalSeconds,
    String reconcileCron,
    String reconcileTimeZone,
    boolean inherited) {

  public SyncPreference {
    if (entity == null || conflictStrategy == null || direction == null) {
      throw new IllegalArgumentException("entity, conflictStrategy and direction are required");
    }
    if (pollIntervalSeconds < 60 || pollIntervalSeconds > 86_400) {
      throw new IllegalArgumentException(
          "pollIntervalSeconds must be between 60 and 86400, was " + pollIntervalSeconds);
    }
    if (reconcileCron == null
        || reconcileCron.strip().split("\\s+").length != 6
        || !CronExpression.isValidExpression(reconcileCron.strip())) {
      throw new IllegalArgumentException(
          "reconcileCron must be a six-field cron expression (second first), e.g. 0 0 3 * * *");
    }
    reconcileCron = reconcileCron.strip();
    if (reconcileTimeZone == null || !ZoneId.getAvailableZoneIds().contains(reconcileTimeZone)) {
      throw new IllegalArgumentException("reconcileTimeZone must be a time-zone id such as UTC");
    }
  }

  /** Whether Salesforce changes of this object are applied to Caskr at all. */
  public boolean appliesSalesforceChanges() {
    return enabled && direction.inbound();
  }
}
