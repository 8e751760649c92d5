package com.caskr.sync.ingest.polling;

import com.caskr.sync.schema.SalesforceId;
import com.caskr.sync.schema.Tenant;
import com.caskr.sync.schema.events.SalesforceEntity;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ingest.polling_cursors} and {@code ingest.poll_seen_versions}. The cursor is a monotonic
 * upsert, so an instance that lost leadership without noticing can never move a cursor backwards
 * (V1's note on leadership). Ids compare bytewise, as Salesforce's ORDER BY Id and {@link
 * PollCursor} do.
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

  @Override
  public SeenVersions seen(Tenant tenant, SalesforceEntity entity, Instant since) {
    var seen = new SeenVersions();
    jdbc.sql(
            """
            select record_id, system_modstamp from ingest.poll_seen_versions
             where company_id = ? and org_id = ? and entity = ? and system_modstamp >= ?
            """)
        .params(
            tenant.companyId(),
            tenant.orgId().value(),
            entity.apiName(),
            Timestamp.from(since == null ? Instant.EPOCH : since))
        .query(
            row -> {
              seen.published(SalesforceId.of(row.getString(1)), row.getTimestamp(2).toInstant());
            });
    return seen;
  }

  @Override
  public void remember(
      Tenant tenant, SalesforceEntity entity, Map<SalesforceId, Instant> versions) {
    if (versions.isEmpty()) {
      return;
    }
    var ids = new String[versions.size()];
    var modstamps = new String[versions.size()];
    int i = 0;
    for (var version : versions.entrySet()) {
      ids[i] = version.getKey().value();
      modstamps[i] = version.getValue().toString();
      i++;
    }
    jdbc.sql(
            """
            insert into ingest.poll_seen_versions
                (company_id, org_id, entity, record_id, system_modstamp)
            select ?, ?, ?, v.id, v.modstamp::timestamptz
              from unnest(?::text[], ?::text[]) as v(id, modstamp)
            on conflict (company_id, org_id, entity, record_id) do update
               set system_modstamp = excluded.system_modstamp
             where poll_seen_versions.system_modstamp < excluded.system_modstamp
            """)
        .params(tenant.companyId(), tenant.orgId().value(), entity.apiName(), ids, modstamps)
        .update();
  }

  @Override
  public void forgetBefore(Tenant tenant, SalesforceEntity entity, Instant windowStart) {
    jdbc.sql(
            """
            delete from ingest.poll_seen_versions
             where company_id = ? and org_id = ? and entity = ? and system_modstamp < ?
            """)
        .params(
            tenant.companyId(),
            tenant.orgId().value(),
            entity.apiName(),
            Timestamp.from(windowStart))
        .update();
  }
}
