-- The transactional outbox of the events this service announces about its own records (issue 7):
-- today sync.conflict.detected.v1. A conflict and its event are written in one transaction, so the
-- event exists if and only if the conflict was stored; the outbox relay publishes unsent rows in id
-- order after the commit, sets sent_at only after Kafka acknowledged (acks=all), and takes an
-- advisory lock per pass so several instances are safe. A row sent twice (a crash between the
-- acknowledgement and the marking) carries the same event id both times.

create table outbox (
    id          bigserial   primary key,
    company_id  bigint      not null check (company_id > 0),
    topic       text        not null check (topic ~ '^[a-z0-9][a-z0-9._-]*$'),
    message_key text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

comment on table outbox is 'Events of committed writeback changes, waiting for the relay; see V3.';

-- The relay's only query: unsent rows in id order.
create index outbox_unsent_idx on outbox (id) where sent_at is null;
