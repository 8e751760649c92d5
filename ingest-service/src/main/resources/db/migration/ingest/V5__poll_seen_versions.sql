-- The (Id, SystemModstamp) versions a poll published inside the overlap window behind its cursor
-- (issue 5). Each poll re-reads the window (cursor - overlap) to catch late commits and drops the
-- versions listed here, so the overlap is not published again, also after a restart or a failover
-- to another instance. Written with the cursor, after Kafka acknowledged the page; rows older than
-- the cursor's window are deleted when a poll finishes.
create table poll_seen_versions (
    company_id      bigint        not null check (company_id > 0),
    org_id          salesforce_id not null,
    entity          text          not null
        check (entity in ('Account', 'Contact', 'Opportunity', 'OpportunityLineItem')),
    record_id       salesforce_id not null,
    system_modstamp timestamptz   not null,
    primary key (company_id, org_id, entity, record_id)
);

-- The prune after each poll: versions older than the window start.
create index poll_seen_versions_modstamp_idx
    on poll_seen_versions (company_id, org_id, entity, system_modstamp);
