-- mapping-service's state (issue 6): the sync log, the Salesforce <-> Caskr record pairs with
-- their last synced snapshot, per-company configuration (field mappings, industry table, sync
-- preferences), the conflict queue, review holds, the transactional outbox and the ledger of
-- processed events. Default configuration rows are inserted by V2.
--
-- Conventions
--
-- * Closed sets are text + CHECK constraints, not PostgreSQL enum types: plain JDBC / Spring Data
--   JDBC strings bind to them without casts, and a value can be added or retired inside one
--   transactional migration. Values are the seed design's names (LastWriteWins, SF_TO_CASKR, ...).
-- * entity = the Salesforce object name (Account, Contact, Opportunity); tables that pair the two
--   sides also name the Caskr entity (customer, order, portal-user, as in the caskr.* topics).
-- * Defaults every company inherits are rows with company_id NULL. A company changes one by
--   inserting its own row with the same natural key (a complete row, not a patch); its row wins:
--       SELECT DISTINCT ON (<natural key>) * FROM <table>
--        WHERE company_id = :company OR company_id IS NULL
--        ORDER BY <natural key>, company_id NULLS LAST
--   A company switches a default field mapping off with its own row set is_active = false.
--   The natural keys are unique with NULLS NOT DISTINCT, so there is one default per key.
-- * company_id is a plain bigint here, not a foreign key to caskr.company: this schema must not
--   depend on the lifecycle of the Caskr-owned schema, and the log and ledger tables take one
--   insert per event, where a foreign-key probe per row is not free.
-- * salesforce_id holds 18-character ids only; Caskr ids are bigint.

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

-- ---------------------------------------------------------------------------------------------
-- Sync log: one row per applied event (mapping-service, writeback-service: direction tells
-- which) and one per run (polls, reconciliations, bulk pushes) with the record counts. Payloads
-- are stored without secrets. Retention (deleting old rows) is an operational job.
create table crm_sync_logs (
    id                bigint generated always as identity primary key,
    company_id        bigint        not null check (company_id > 0),
    org_id            salesforce_id,
    entity            text          not null check (entity in ('Account', 'Contact', 'Opportunity')),
    direction         text          not null check (direction in ('INBOUND', 'OUTBOUND')),
    operation         text          not null check (operation in (
        'CREATE', 'UPDATE', 'UPSERT', 'DELETE', 'UNDELETE', 'SKIP', 'POLL', 'RECONCILE',
        'RESOLVE_CONFLICT')),
    -- The envelope's source for inbound rows; CASKR for edits made in Caskr.
    source            text          not null check (source in (
        'PUBSUB_CDC', 'PLATFORM_EVENT', 'OUTBOUND_MESSAGE', 'WEBHOOK', 'POLL', 'RECONCILE', 'MANUAL',
        'CASKR')),
    salesforce_id     salesforce_id,
    caskr_id          bigint,
    status            text          not null check (status in (
        'RUNNING', 'SUCCESS', 'PARTIAL', 'FAILED', 'SKIPPED', 'CONFLICT', 'HELD')),
    -- A stable code to filter on (VALIDATION, UNKNOWN_SKU, REQUEST_LIMIT_EXCEEDED, ...) and the text.
    error_code        text,
    error_message     text,
    retry_count       integer       not null default 0 check (retry_count >= 0),
    records_processed integer       not null default 0 check (records_processed >= 0),
    records_created   integer       not null default 0 check (records_created >= 0),
    records_updated   integer       not null default 0 check (records_updated >= 0),
    records_failed    integer       not null default 0 check (records_failed >= 0),
    -- Reconciliation runs only: (missing + stale + deleted) / records in Salesforce.
    drift_ratio       numeric(9, 6) check (drift_ratio >= 0),
    duration_ms       bigint        check (duration_ms >= 0),
    request_payload   jsonb,
    response_payload  jsonb,
    event_id          uuid,
    trace_id          text,
    started_at        timestamptz   not null default now(),
    completed_at      timestamptz,
    constraint crm_sync_logs_running_has_no_completion check ((status = 'RUNNING') = (completed_at is null)),
    constraint crm_sync_logs_completed_after_start check (completed_at is null or completed_at >= started_at),
    constraint crm_sync_logs_failed_has_error check (status <> 'FAILED' or error_code is not null)
);

-- The admin API lists a company's log newest first, filtered by entity or status, or looks up
-- everything about one record or one event. Status filtering is almost always for what went
-- wrong, so that index leaves out the successes (the bulk of the rows).
create index crm_sync_logs_company_time_idx on crm_sync_logs (company_id, started_at desc, id desc);
create index crm_sync_logs_company_entity_time_idx
    on crm_sync_logs (company_id, entity, started_at desc);
create index crm_sync_logs_company_problem_time_idx
    on crm_sync_logs (company_id, status, started_at desc) where status <> 'SUCCESS';
create index crm_sync_logs_company_salesforce_idx
    on crm_sync_logs (company_id, salesforce_id) where salesforce_id is not null;
create index crm_sync_logs_company_caskr_idx
    on crm_sync_logs (company_id, entity, caskr_id) where caskr_id is not null;
create index crm_sync_logs_event_idx on crm_sync_logs (event_id) where event_id is not null;

-- ---------------------------------------------------------------------------------------------
-- Record pairs. last_synced_fields is the base of the three-way conflict check: the values both
-- sides agreed on at the last sync, keyed by Caskr field name (crm_field_mappings.caskr_field),
-- in Caskr's representation (after transformation). A field is in conflict when Salesforce's
-- value and Caskr's value both differ from it and from each other.
create table crm_entity_mappings (
    id                     bigint generated always as identity primary key,
    company_id             bigint        not null check (company_id > 0),
    org_id                 salesforce_id not null,
    salesforce_object      text          not null,
    salesforce_id          salesforce_id not null,
    caskr_entity           text          not null,
    -- No foreign key: the id points into one of three caskr tables depending on caskr_entity.
    caskr_id               bigint        not null,
    last_synced_fields     jsonb         not null default '{}' check (jsonb_typeof(last_synced_fields) = 'object'),
    -- SystemModstamp of the Salesforce version last applied or written.
    salesforce_modified_at timestamptz,
    -- caskr.<table>.updated_at of the Caskr version last applied or pushed.
    caskr_modified_at      timestamptz,
    -- The envelope's sourceVersion last applied: an event with an older one is stale and ignored.
    last_source_version    timestamptz,
    sync_status            text          not null default 'ACTIVE' check (sync_status in ('ACTIVE', 'DELETED')),
    deleted_at             timestamptz,
    last_synced_at         timestamptz,
    created_at             timestamptz   not null default now(),
    updated_at             timestamptz   not null default now(),
    constraint crm_entity_mappings_pair check (
        (salesforce_object, caskr_entity) in (('Account', 'customer'), ('Opportunity', 'order'),
                                              ('Contact', 'portal-user'))),
    constraint crm_entity_mappings_deleted_at check ((sync_status = 'DELETED') = (deleted_at is not null)),
    constraint crm_entity_mappings_salesforce_key unique (company_id, salesforce_object, salesforce_id),
    constraint crm_entity_mappings_caskr_key unique (company_id, caskr_entity, caskr_id)
);

-- Reconciliation compares a Salesforce Id + SystemModstamp sweep per org and object with this.
create index crm_entity_mappings_org_object_idx
    on crm_entity_mappings (company_id, org_id, salesforce_object);

create trigger crm_entity_mappings_touch_updated_at before update on crm_entity_mappings
    for each row execute function touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Field mappings; company_id NULL = the defaults (V2).
--
-- transformation_rule and its transformation_config:
--   NONE, TRIM, UPPERCASE, LOWERCASE   {}
--   DATE_FORMAT                        {"format": "<java.time pattern of the Salesforce value>"}
--   VALUE_MAP                          {"values": {"<Salesforce value>": <Caskr value>, ...}}
--                                      a value not in the map is a validation error, unless
--                                      "fallback" names the Caskr value to use instead
--   LOOKUP                             {"lookup": "industry_customer_type" | "user_by_email" |
--                                      "entity_mapping", ...}: the value is resolved through a
--                                      table - crm_industry_customer_types (with "fallback"), the
--                                      Salesforce user's email against caskr.users, or
--                                      crm_entity_mappings of "salesforce_object" - rather than
--                                      transformed. Reference fields (OwnerId, AccountId) and the
--                                      industry table need this; the other rules cannot express it.
-- default_value: the Caskr value used when Salesforce sends null or blank (BillingCountry -> USA).
-- target_position: several Salesforce fields may feed one Caskr field (Opportunity Name +
--   Description -> notes); their values are joined in this order, blank ones skipped. Such a
--   field can only flow SF_TO_CASKR.
-- Field names are checked for shape here as a last line of defence against SOQL injection; the
-- admin API also checks that they exist.
create table crm_field_mappings (
    id                    bigint generated always as identity primary key,
    company_id            bigint      check (company_id > 0),
    salesforce_object     text        not null,
    salesforce_field      text        not null check (salesforce_field ~ '^[A-Za-z][A-Za-z0-9_]{0,79}$'),
    caskr_entity          text        not null,
    caskr_field           text        not null check (caskr_field ~ '^[a-z][a-z0-9_]{0,62}$'),
    direction             text        not null check (direction in ('SF_TO_CASKR', 'CASKR_TO_SF', 'BIDIRECTIONAL')),
    -- A record whose Salesforce value is missing is not applied (validation error in the log).
    is_required           boolean     not null default false,
    -- Changed on both sides = always the manual queue, whatever the conflict strategy.
    is_critical           boolean     not null default false,
    transformation_rule   text        not null default 'NONE' check (transformation_rule in (
        'NONE', 'TRIM', 'UPPERCASE', 'LOWERCASE', 'DATE_FORMAT', 'VALUE_MAP', 'LOOKUP')),
    transformation_config jsonb       not null default '{}',
    default_value         jsonb,
    target_position       smallint    not null default 1 check (target_position between 1 and 20),
    is_active             boolean     not null default true,
    updated_by            text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint crm_field_mappings_pair check (
        (salesforce_object, caskr_entity) in (('Account', 'customer'), ('Opportunity', 'order'),
                                              ('Contact', 'portal-user'))),
    constraint crm_field_mappings_config_matches_rule check (
        jsonb_typeof(transformation_config) = 'object'
        -- coalesce: a missing key yields NULL, which a CHECK would let through.
        and coalesce(case transformation_rule
                         when 'DATE_FORMAT' then jsonb_typeof(transformation_config -> 'format') = 'string'
                         when 'VALUE_MAP' then jsonb_typeof(transformation_config -> 'values') = 'object'
                         when 'LOOKUP' then transformation_config ->> 'lookup' in
                                            ('industry_customer_type', 'user_by_email', 'entity_mapping')
                         else transformation_config = '{}'::jsonb
                     end, false)),
    constraint crm_field_mappings_company_object_field_key
        unique nulls not distinct (company_id, salesforce_object, salesforce_field)
);

-- Two active inbound mappings must not write the same Caskr field at the same position.
create unique index crm_field_mappings_one_inbound_source_per_target
    on crm_field_mappings (company_id, caskr_entity, caskr_field, target_position) nulls not distinct
    where is_active and direction <> 'CASKR_TO_SF';

create trigger crm_field_mappings_touch_updated_at before update on crm_field_mappings
    for each row execute function touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Salesforce Industry -> Caskr customer_type; company_id NULL = the defaults (V2). Matched
-- case-insensitively; an industry not found here becomes the LOOKUP's fallback ('Direct').
create table crm_industry_customer_types (
    id            bigint generated always as identity primary key,
    company_id    bigint      check (company_id > 0),
    industry      text        not null check (btrim(industry) <> '' and industry = btrim(industry)),
    customer_type text        not null check (customer_type in ('On-Premise', 'Off-Premise', 'Distributor', 'Direct')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create unique index crm_industry_customer_types_company_industry_key
    on crm_industry_customer_types (company_id, lower(industry)) nulls not distinct;

create trigger crm_industry_customer_types_touch_updated_at before update on crm_industry_customer_types
    for each row execute function touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Per company and entity: conflict strategy, whether and which way the entity syncs (a master
-- switch over the field directions), the polling interval ingest-service uses and the
-- reconciliation schedule. company_id NULL = the defaults (V2).
create table crm_sync_preferences (
    id                    bigint generated always as identity primary key,
    company_id            bigint      check (company_id > 0),
    entity                text        not null check (entity in ('Account', 'Contact', 'Opportunity')),
    conflict_strategy     text        not null default 'LastWriteWins'
        check (conflict_strategy in ('LastWriteWins', 'SalesforceWins', 'CaskrWins', 'Manual')),
    direction             text        not null default 'BIDIRECTIONAL'
        check (direction in ('SF_TO_CASKR', 'CASKR_TO_SF', 'BIDIRECTIONAL')),
    enabled               boolean     not null default true,
    poll_interval_seconds integer     not null check (poll_interval_seconds between 60 and 86400),
    -- Spring CronExpression (six fields, second first), evaluated in reconcile_time_zone.
    reconcile_cron        text        not null default '0 0 3 * * *'
        check (cardinality(regexp_split_to_array(btrim(reconcile_cron), '\s+')) = 6),
    reconcile_time_zone   text        not null default 'UTC',
    updated_by            text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint crm_sync_preferences_company_entity_key unique nulls not distinct (company_id, entity)
);

create trigger crm_sync_preferences_touch_updated_at before update on crm_sync_preferences
    for each row execute function touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- The conflict queue: one row per field changed on both sides to different values. Values are
-- JSON in Caskr's representation; SQL NULL in base_value means "no snapshot" (first sync),
-- JSON null means "the field was empty". An opportunity leaving Closed Won after its order exists
-- is a conflict on the order's status (salesforce_field StageName).
create table crm_sync_conflicts (
    id                     bigint generated always as identity primary key,
    company_id             bigint        not null check (company_id > 0),
    org_id                 salesforce_id not null,
    entity                 text          not null check (entity in ('Account', 'Contact', 'Opportunity')),
    caskr_id               bigint        not null,
    salesforce_id          salesforce_id not null,
    field                  text          not null,
    salesforce_field       text          not null,
    base_value             jsonb,
    salesforce_value       jsonb,
    caskr_value            jsonb,
    salesforce_modified_at timestamptz,
    caskr_modified_at      timestamptz,
    -- Found while applying a Salesforce change (mapping-service) or planning a push (writeback).
    detected_direction     text          not null check (detected_direction in ('INBOUND', 'OUTBOUND')),
    -- The strategy in force when detected; Manual, or any strategy for a critical field.
    strategy               text          not null
        check (strategy in ('LastWriteWins', 'SalesforceWins', 'CaskrWins', 'Manual')),
    is_critical            boolean       not null default false,
    status                 text          not null default 'PENDING' check (status in ('PENDING', 'RESOLVED', 'DISMISSED')),
    resolution             text          check (resolution in ('KEEP_CASKR', 'KEEP_SALESFORCE', 'MERGED')),
    resolved_value         jsonb,
    resolved_by            text,
    resolved_at            timestamptz,
    detected_at            timestamptz   not null default now(),
    source_event_id        uuid,
    constraint crm_sync_conflicts_resolution_matches_status check (
        case status
            when 'PENDING' then resolution is null and resolved_at is null and resolved_by is null
                and resolved_value is null
            when 'RESOLVED' then resolution is not null and resolved_at is not null and resolved_by is not null
            else resolution is null and resolved_at is not null and resolved_by is not null
        end),
    constraint crm_sync_conflicts_merged_has_value check (resolution is distinct from 'MERGED' or resolved_value is not null)
);

-- A field of a record waits in the queue once: a newer conflicting change updates the pending
-- row instead of adding another.
create unique index crm_sync_conflicts_one_pending
    on crm_sync_conflicts (company_id, entity, caskr_id, field) where status = 'PENDING';
create index crm_sync_conflicts_company_status_time_idx
    on crm_sync_conflicts (company_id, status, detected_at desc);

-- ---------------------------------------------------------------------------------------------
-- Records the sync will not apply without a person: an opportunity whose line items name an
-- unknown SKU, a contact whose email another portal user already has, a record Salesforce or
-- Caskr rejected as invalid. payload is the change that was held (the whole event, so it can be
-- re-applied once the cause is fixed); a newer change to the same record replaces it.
create table crm_review_holds (
    id               bigint generated always as identity primary key,
    company_id       bigint        not null check (company_id > 0),
    org_id           salesforce_id,
    entity           text          not null check (entity in ('Account', 'Contact', 'Opportunity')),
    direction        text          not null check (direction in ('INBOUND', 'OUTBOUND')),
    salesforce_id    salesforce_id,
    -- The Caskr row concerned, when there is one (the existing portal user for a duplicate email).
    caskr_id         bigint,
    reason           text          not null
        check (reason in ('UNKNOWN_SKU', 'DUPLICATE_EMAIL', 'VALIDATION_ERROR', 'MISSING_REQUIRED_FIELD')),
    -- What a person needs to decide, e.g. {"unknownSkus": ["BRB-750"]}.
    details          jsonb         not null default '{}' check (jsonb_typeof(details) = 'object'),
    payload          jsonb         not null,
    source_event_id  uuid,
    status           text          not null default 'HELD' check (status in ('HELD', 'RELEASED', 'DISMISSED')),
    held_at          timestamptz   not null default now(),
    resolved_by      text,
    resolved_at      timestamptz,
    updated_at       timestamptz   not null default now(),
    constraint crm_review_holds_identifies_a_record check (salesforce_id is not null or caskr_id is not null),
    constraint crm_review_holds_resolution_matches_status
        check ((status = 'HELD') = (resolved_at is null) and (status = 'HELD') = (resolved_by is null))
);

create unique index crm_review_holds_one_held_per_salesforce_record
    on crm_review_holds (company_id, entity, salesforce_id, reason)
    where status = 'HELD' and salesforce_id is not null;
create unique index crm_review_holds_one_held_per_caskr_record
    on crm_review_holds (company_id, entity, caskr_id, reason)
    where status = 'HELD' and salesforce_id is null;
create index crm_review_holds_company_status_time_idx
    on crm_review_holds (company_id, status, held_at desc);

create trigger crm_review_holds_touch_updated_at before update on crm_review_holds
    for each row execute function touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Transactional outbox: written in the transaction that changes Caskr, published by a relay that
-- sets published_at after Kafka acknowledged. Insert the outbox row after the row it describes:
-- the row lock then orders the ids of one record by commit, which keeps per-key order.
create table outbox_events (
    id           bigserial   primary key,
    company_id   bigint      not null check (company_id > 0),
    topic        text        not null check (topic ~ '^[a-z0-9][a-z0-9._-]*$'),
    message_key  text        not null,
    payload      jsonb       not null,
    -- Kafka record headers, name -> string value.
    headers      jsonb       not null default '{}' check (jsonb_typeof(headers) = 'object'),
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

create index outbox_events_unpublished_idx on outbox_events (id) where published_at is null;

-- ---------------------------------------------------------------------------------------------
-- Events already applied, written in the same transaction as their effect: a redelivery finds
-- its id here and changes nothing. Rows older than the topics' retention can be deleted.
create table processed_events (
    event_id     uuid        primary key,
    company_id   bigint      not null check (company_id > 0),
    topic        text        not null,
    processed_at timestamptz not null default now()
);

create index processed_events_processed_at_idx on processed_events (processed_at);
