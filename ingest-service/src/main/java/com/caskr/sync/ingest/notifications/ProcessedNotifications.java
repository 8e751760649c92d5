package com.caskr.sync.ingest.notifications;

import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.ChangeSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger of push notifications already published ({@code ingest.processed_notifications}):
 * Outbound Message notification ids and webhook event ids, per company, org and channel.
 *
 * <p>Ids are {@linkplain #record recorded} only after Kafka acknowledged their changes, so a crash
 * in between leads to a duplicate (which consumers drop), never to a loss. Two deliveries of one
 * notification racing each other may both publish before either records; both carry the same record
 * id and sourceVersion, so consumers drop the second.
 */
public final class ProcessedNotifications {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public ProcessedNotifications(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** Which of {@code ids} were already published for this tenant and channel. */
  public Set<String> alreadyProcessed(Tenant tenant, ChangeSource source, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(
                "SELECT notification_id FROM ingest.processed_notifications WHERE company_id = ?"
                    + " AND org_id = ? AND source = ? AND notification_id = ANY (?)")
            .params(
                tenant.companyId(),
                tenant.orgId().value(),
                source.name(),
                ids.toArray(String[]::new))
            .query(String.class)
            .list());
  }

  /** Records ids whose changes Kafka acknowledged; ids recorded before are left alone. */
  public void record(Tenant tenant, ChangeSource source, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<Object[]> rows =
        ids.stream()
            .map(id -> new Object[] {tenant.companyId(), tenant.orgId().value(), source.name(), id})
            .toList();
    batch.batchUpdate(
        "INSERT INTO ingest.processed_notifications (company_id, org_id, source, notification_id)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows);
  }

  /** Forgets ids received before {@code cutoff}; returns how many. */
  public int purgeReceivedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM ingest.processed_notifications WHERE received_at < ?")
        .param(Timestamp.from(cutoff))
        .update();
  }
}
