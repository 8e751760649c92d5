-- mapping-service tenant binding from auth-service (issue 6): crm_company_orgs follows
-- auth.connection.changed.v1 instead of trusting the first event of a company. The tenancy
-- consumer upserts a company's row on every connection change; intake only reads it.

-- The connection's state as auth-service last announced it. CONNECTED and NEEDS_RECONNECT keep the
-- binding (events already produced by the org still apply); DISCONNECTED retires it (events are
-- dead-lettered, mapped rows stay). Rows bound by earlier versions keep the CONNECTED default until
-- the topic, read from its start, replaces them.
alter table crm_company_orgs
    add column state      text        not null default 'CONNECTED'
        check (state in ('CONNECTED', 'NEEDS_RECONNECT', 'DISCONNECTED')),
    -- The occurredAt of the connection event applied last: an older one never overwrites it.
    add column changed_at timestamptz not null default '-infinity',
    add column updated_at timestamptz not null default now();

-- Intake refuses an org that two companies hold at once (as ingest-service does).
create index crm_company_orgs_org on crm_company_orgs (org_id) where state <> 'DISCONNECTED';
