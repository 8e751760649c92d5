-- Edits waiting to go to Salesforce (issue 7). The Kafka intake adds one row per Caskr row edited
-- and merges later edits of the same row into it, which is how rapid successive edits collapse
-- into one write. The pusher leases due rows (leased_until), and deletes a row only if its version
-- is still the one it claimed: an edit that arrived meanwhile stays queued.
--
-- changed_fields empty = every pushable field (an INSERT, or a producer that did not say).
-- Reads and writes of mapping.* (record pairs, field mappings, log, holds, conflicts): ADR 0020.

create table push_queue (
    company_id     bigint      not null check (company_id > 0),
    entity         text        not null check (entity in ('customer', 'order', 'portal-user')),
    caskr_id       bigint      not null check (caskr_id > 0),
    changed_fields text[]      not null,
    priority       text        not null check (priority in ('INTERACTIVE', 'BACKFILL')),
    -- A settled conflict Caskr won: its fields go to Salesforce without the three-way check.
    resolution     boolean     not null default false,
    version        bigint      not null default 1,
    attempts       integer     not null default 0 check (attempts >= 0),
    due_at         timestamptz not null default now(),
    leased_until   timestamptz,
    enqueued_at    timestamptz not null default now(),
    -- Last time an edit arrived for the row: a pass waits until a burst of edits has settled.
    touched_at     timestamptz not null default now(),
    primary key (company_id, entity, caskr_id)
);

comment on table push_queue is 'Caskr edits not yet pushed to Salesforce, one row per Caskr row; see V2.';

-- The claim: due rows, interactive first ('INTERACTIVE' sorts after 'BACKFILL': DESC), oldest first.
create index push_queue_due_idx on push_queue (priority, due_at);
