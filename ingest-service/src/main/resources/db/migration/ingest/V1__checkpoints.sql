-- Where each Salesforce source stands (issue 5): polling cursors, Pub/Sub replay ids, the dedupe
-- ledger of push notifications, webhook signing secrets and reconciliation runs.
--
-- Guarantee 1 of ARCHITECTURE.md: a cursor, replay id or notification id is written only after
-- Kafka acknowledged the events it covers. Writing it earlier turns a crash into a lost change;
-- writing it later only into a duplicate, which consumers drop.
--
-- Leadership: no lease table. One ingest instance serves a (company, org) by holding a session
-- advisory lock, pg_try_advisory_lock(hashtextextended('ingest:' || company_id || ':' || org_id,
-- 0)), on a connection it keeps open for that purpose. PostgreSQL releases the lock when that
-- session ends (crash, kill -9, network partition), so failover needs no TTL and no clock
-- agreement. A deposed leader that has not noticed yet can at worst publish duplicates; to keep
-- it from moving a cursor backwards, cursor and replay-id writes are monotonic upserts
-- (ON CONFLICT ... DO UPDATE ... WHERE the stored position is older).
--
-- Conventions shared with the other schemas: closed sets are text + CHECK; entity = the
-- Salesforce object name; company_id is a plain bigint (no foreign key into schemas this service
-- does not own); salesforce_id holds 18-character ids only.

create domain salesforce_id as text
    check (value ~ '^[0-9A-Za-z]{18}$');

create function touch_updated_at() returns trigger
    language plpgsql as
$$
begin
    new.updated_at := old.updated_at;
    if new is distinct from old then
        new.updated_at := now();
    end if;
    return new;
end;
$$;

-- SOQL polling resumes at (SystemModstamp, Id) minus the overlap: records committed late with an
-- older SystemModstamp are caught by re-reading the overlap window, and the (Id, SystemModstamp)
-- pairs already seen are dropped by dedupe.
create table polling_cursors (
    company_id           bigint        not null check (company_id > 0),
    org_id               salesforce_id not null,
    entity               text          not null
        check (entity in ('Account', 'Contact', 'Opportunity', 'OpportunityLineItem')),
    last_system_modstamp timestamptz,
    last_record_id       salesforce_id,
    overlap_seconds      integer       not null default 300 check (overlap_seconds between 0 and 86400),
    last_polled_at       timestamptz,
    created_at           timestamptz   not null default now(),
    updated_at           timestamptz   not null default now(),
    primary key (company_id, org_id, entity),
    -- A position is a pair; half of one cannot be resumed from.
    constraint polling_cursors_position_is_a_pair
        check ((last_system_modstamp is null) = (last_record_id is null))
);

create trigger polling_cursors_touch_updated_at before update on polling_cursors
    for each row execute function touch_updated_at();

-- Replay ids are opaque bytes to us (Pub/Sub API: bytes replay_id); compared only for equality.
create table pubsub_replay_ids (
    company_id    bigint        not null check (company_id > 0),
    org_id        salesforce_id not null,
    -- /data/AccountChangeEvent, /event/Caskr_Sync__e, ...
    topic_name    text          not null check (topic_name ~ '^/(data|event)/[A-Za-z0-9_]+$'),
    replay_id     bytea         not null check (octet_length(replay_id) > 0),
    last_event_at timestamptz,
    created_at    timestamptz   not null default now(),
    updated_at    timestamptz   not null default now(),
    primary key (company_id, org_id, topic_name)
);

create trigger pubsub_replay_ids_touch_updated_at before update on pubsub_replay_ids
    for each row execute function touch_updated_at();

-- Outbound Message notification ids and webhook event ids already published. Salesforce retries an
-- unacknowledged Outbound Message for up to 24 hours and a webhook is accepted within a 5-minute
-- window, so rows older than the longest of those (plus margin) are deleted by received_at.
create table processed_notifications (
    company_id      bigint        not null check (company_id > 0),
    org_id          salesforce_id not null,
    source          text          not null check (source in ('OUTBOUND_MESSAGE', 'WEBHOOK')),
    notification_id text          not null check (char_length(notification_id) between 1 and 255),
    received_at     timestamptz   not null default now(),
    primary key (company_id, org_id, source, notification_id)
);

create index processed_notifications_received_idx on processed_notifications (received_at);

-- HMAC-SHA256 secrets of the JSON webhooks, one current secret per org plus, during a rotation,
-- previous ones accepted until valid_until. Sealed like the tokens in auth-service (AEAD + key id)
-- because the secret must be recoverable to compute the signature.
create table webhook_secrets (
    id                bigint generated always as identity primary key,
    company_id        bigint        not null check (company_id > 0),
    org_id            salesforce_id not null,
    secret_ciphertext bytea         not null,
    secret_key_id     text          not null,
    created_at        timestamptz   not null default now(),
    -- NULL = the current secret; set when a newer one replaces it.
    valid_until       timestamptz,
    constraint webhook_secrets_validity check (valid_until is null or valid_until >= created_at)
);

create unique index webhook_secrets_one_current_per_org
    on webhook_secrets (company_id, org_id) where valid_until is null;

-- Reconciliation: a Bulk API 2.0 sweep of Id + SystemModstamp per entity compared with what
-- mapping-service has applied. One row per run; the counts explain the drift ratio.
create table reconciliation_runs (
    id              bigint generated always as identity primary key,
    company_id      bigint        not null check (company_id > 0),
    org_id          salesforce_id not null,
    entity          text          not null check (entity in ('Account', 'Contact', 'Opportunity')),
    -- Why it ran: the schedule, an operator, or a lost stream position (expired replay id,
    -- GAP_OVERFLOW) that must be repaired.
    reason          text          not null
        check (reason in ('SCHEDULED', 'MANUAL', 'REPLAY_ID_INVALID', 'GAP_OVERFLOW')),
    status          text          not null default 'RUNNING'
        check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    bulk_job_id     text,
    salesforce_count integer      check (salesforce_count >= 0),
    mapped_count    integer       check (mapped_count >= 0),
    missing_count   integer       not null default 0 check (missing_count >= 0),
    stale_count     integer       not null default 0 check (stale_count >= 0),
    deleted_count   integer       not null default 0 check (deleted_count >= 0),
    published_count integer       not null default 0 check (published_count >= 0),
    -- (missing + stale + deleted) / salesforce_count; alerted above 0.05.
    drift_ratio     numeric(9, 6) check (drift_ratio >= 0),
    error_message   text,
    started_at      timestamptz   not null default now(),
    completed_at    timestamptz,
    constraint reconciliation_runs_completion check ((status = 'RUNNING') = (completed_at is null)),
    constraint reconciliation_runs_completed_after_start
        check (completed_at is null or completed_at >= started_at)
);

-- One sweep per entity at a time; a second request joins or waits for the running one.
create unique index reconciliation_runs_one_running
    on reconciliation_runs (company_id, org_id, entity) where status = 'RUNNING';
create index reconciliation_runs_company_entity_time_idx
    on reconciliation_runs (company_id, org_id, entity, started_at desc);
