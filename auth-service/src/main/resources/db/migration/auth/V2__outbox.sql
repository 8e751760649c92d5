-- Transactional outbox for auth.connection.changed.v1 (issue 4), as mapping-service's
-- outbox_events: a row is written in the same transaction as the connection change it announces
-- (JdbcConnectionStore), and the relay (package outbox) publishes the rows in id order, one at a
-- time, and sets published_at only after Kafka acknowledged (acks=all). The relay holds an advisory
-- lock while it works, so with two instances one publishes and the other skips the round: order
-- per company survives, which matters on a compacted topic whose last event is the current state.
--
-- The payload is the event's JSON (shared-schema's ConnectionChanged): states, ids and reasons,
-- never a token.
create table outbox_events (
    id           bigint generated always as identity primary key,
    -- The event's own id: a row published twice (the relay died between the ack and the update)
    -- carries the same eventId, which consumers deduplicate on.
    event_id     uuid        not null,
    company_id   bigint      not null check (company_id > 0),
    topic        text        not null check (topic ~ '^[a-z0-9][a-z0-9._-]*$'),
    message_key  text        not null,
    payload      jsonb       not null check (jsonb_typeof(payload) = 'object'),
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    -- Failed publish attempts of this row and the last error (a Kafka exception class and
    -- message), for an operator; reset by nothing, the row is done once published.
    attempts     integer     not null default 0 check (attempts >= 0),
    last_error   text,
    constraint outbox_events_event_id_key unique (event_id)
);

create index outbox_events_unpublished_idx on outbox_events (id) where published_at is null;
