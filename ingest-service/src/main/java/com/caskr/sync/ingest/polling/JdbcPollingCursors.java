package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ingest.polling_cursors}: a monotonic upsert, so an instance that lost leadership without
 * noticing can never move a cursor backwards (V1's note on leadership). Ids compare bytewise, as
 * Salesforce's ORDER BY Id and {@link PollCursor} do.
 */
final class JdbcPollingCursors implements PollingCursors {

  private final JdbcClient jdbc;

  JdbcPollingCursors(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<PollCursor> load(Tenant tenant, SalesforceEntity entity) {
    return jdbc.sql(
            """
            select last_system_modstamp, last_record_id from ingest.polling_cursors
             where company_id = ? and org_id = ? and entity = ? and last_record_id is not null
            """)
        .params(tenant.companyId(), tenant.orgId().value(), entity.apiName())
        .query(
            (row, n) ->
                new PollCursor(row.getTimestamp(1).toInstant(), SalesforceId.of(row.getString(2))))
        .optional();
  }

  @Override
  public void advance(Tenant tenant, SalesforceEntity entity, PollCursor cursor) {
    jdbc.sql(
            """
            insert into ingest.polling_cursors
                (company_id, org_id, entity, last_system_modstamp, last_record_id, last_polled_at)
            values (?, ?, ?, ?, ?, now())
            on conflict (company_id, org_id, entity) do update
               set last_system_modstamp = excluded.last_system_modstamp,
                   last_record_id = excluded.last_record_id,
                   last_polled_at = excluded.last_polled_at
             where polling_cursors.last_system_modstamp is null
                or polling_cursors.last_system_modstamp < excluded.last_system_modstamp
                or (polling_cursors.last_system_modstamp = excluded.last_system_modstamp
                    and polling_cursors.last_record_id collate "C"
                        < excluded.last_record_id collate "C")
            """)
        .params(
            tenant.companyId(),
            tenant.orgId().value(),
            entity.apiName(),
            Timestamp.from(cursor.systemModstamp()),
            cursor.recordId().value())
        .update();
  }
}
