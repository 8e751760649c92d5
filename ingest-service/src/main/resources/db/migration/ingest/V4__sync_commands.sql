-- sync.command.v1 commands handed over to whichever instance leads the org (issue 5).
--
-- Every ingest instance consumes sync.command.v1 in one consumer group, but only the instance
-- holding an org's leadership may poll or reconcile it. The consumer therefore does not execute:
-- it stores the command here (idempotently, by event id) and commits its offset, and the leader's
-- runner executes it and deletes the row. A leader that dies mid-command leaves the row, and the
-- next leader runs it again: commands are idempotent (a poll re-reads from its cursor, a
-- reconciliation re-sweeps, a resync re-reads one record).
create table sync_commands (
    event_id        uuid          primary key,
    company_id      bigint        not null check (company_id > 0),
    org_id          salesforce_id not null,
    -- The SyncCommand as it travelled (JSON with its "type").
    command         jsonb         not null check (jsonb_typeof(command) = 'object'),
    requested_by    text          not null,
    trace_id        text          not null,
    issued_at       timestamptz   not null,
    received_at     timestamptz   not null default now(),
    -- PENDING until it succeeds (row deleted) or has failed max-attempts times (FAILED, kept for
    -- the operator; reissue the command after the fix).
    status          text          not null default 'PENDING' check (status in ('PENDING', 'FAILED')),
    attempts        integer       not null default 0 check (attempts >= 0),
    last_error      text,
    next_attempt_at timestamptz   not null default now()
);

-- The runner's query: pending commands of the orgs it leads, oldest first.
create index sync_commands_due_idx
    on sync_commands (company_id, org_id, next_attempt_at, issued_at) where status = 'PENDING';
