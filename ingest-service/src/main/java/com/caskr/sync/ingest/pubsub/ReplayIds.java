package com.caskr.sync.ingest.pubsub;

import com.caskr.sync.salesforce.pubsub.ReplayId;
import com.caskr.sync.schema.Tenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stored position per org and topic ({@code ingest.pubsub_replay_ids}). Saved only after Kafka
 * acknowledged every event up to it, so a restart resumes with at most a batch delivered again.
 */
final class ReplayIds {

  private final JdbcClient jdbc;

  ReplayIds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ReplayId> load(Tenant tenant, String topic) {
    return jdbc.sql(
            "select replay_id from ingest.pubsub_replay_ids"
                + " where company_id = ? and org_id = ? and topic_name = ?")
        .params(tenant.companyId(), tenant.orgId().value(), topic)
        .query(byte[].class)
        .optional()
        .map(ReplayId::of);
  }

  void save(Tenant tenant, String topic, ReplayId position, Instant lastEventAt) {
    jdbc.sql(
            """
            insert into ingest.pubsub_replay_ids (company_id, org_id, topic_name, replay_id, last_event_at)
            values (?, ?, ?, ?, ?)
            on conflict (company_id, org_id, topic_name) do update
               set replay_id = excluded.replay_id,
                   last_event_at = coalesce(excluded.last_event_at, ingest.pubsub_replay_ids.last_event_at)
            """)
        .params(
            tenant.companyId(),
            tenant.orgId().value(),
            topic,
            position.bytes(),
            lastEventAt == null ? null : Timestamp.from(lastEventAt))
        .update();
  }
}
