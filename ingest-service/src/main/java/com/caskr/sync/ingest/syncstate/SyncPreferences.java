package com.caskr.sync.ingest.syncstate;

import com.caskr.sync.schema.events.SalesforceEntity;
import java.time.Duration;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads {@code crm_sync_preferences}: the company's own row for an entity, else the default row
 * (company_id NULL), else {@link EntityPreferences#defaults}.
 */
public final class SyncPreferences {

  private static final Logger log = LoggerFactory.getLogger(SyncPreferences.class);

  private final JdbcClient jdbc;
  private final MappingSchema schema;

  public SyncPreferences(JdbcClient jdbc, MappingSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  public EntityPreferences of(long companyId, SalesforceEntity entity) {
    try {
      return jdbc.sql(
              "select enabled, poll_interval_seconds, reconcile_cron, reconcile_time_zone from "
                  + schema.table("crm_sync_preferences")
                  + " where (company_id = ? or company_id is null) and entity = ?"
                  + " order by company_id nulls last limit 1")
          .params(companyId, entity.apiName())
          .query(
              (row, n) ->
                  new EntityPreferences(
                      entity,
                      row.getBoolean(1),
                      Duration.ofSeconds(row.getInt(2)),
                      row.getString(3),
                      ZoneId.of(row.getString(4))))
          .optional()
          .orElseGet(() -> EntityPreferences.defaults(entity));
    } catch (DataAccessException e) {
      log.warn(
          "Cannot read {} for company {} ({}); using the default schedule of {}",
          schema.table("crm_sync_preferences"),
          companyId,
          e.getMostSpecificCause().getMessage(),
          entity.apiName());
      return EntityPreferences.defaults(entity);
    }
  }
}
