package com.caskr.sync.ingest.syncstate;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.time.ZoneId;

/**
 * A company's sync settings for one entity ({@code crm_sync_preferences}).
 *
 * @param enabled false: neither polled nor reconciled
 * @param reconcileCron a Spring cron expression (six fields), evaluated in {@code timeZone}
 */
public record EntityPreferences(
    SalesforceEntity entity,
    boolean enabled,
    Duration pollInterval,
    String reconcileCron,
    ZoneId timeZone) {

  /**
   * mapping-service's defaults (its V2): accounts and opportunities every 15 minutes, contacts
   * hourly, reconciliation daily at 03:00 UTC. Used when the table cannot be read.
   */
  public static EntityPreferences defaults(SalesforceEntity entity) {
    Duration interval =
        entity == SalesforceEntity.CONTACT ? Duration.ofHours(1) : Duration.ofMinutes(15);
    return new EntityPreferences(entity, true, interval, "0 0 3 * * *", ZoneId.of("UTC"));
  }
}
