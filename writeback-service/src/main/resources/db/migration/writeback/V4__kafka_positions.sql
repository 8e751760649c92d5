-- How far the trigger-log relay has published and the intake has queued, per partition of the
-- caskr.<entity>.changed.v1 topics (issue 7, ADR 0022). A burst is claimed only once the intake has
-- queued everything the relay published (relayed <= queued on every partition), so edits still in
-- Kafka do not miss their pass when the intake lags behind by more than the settle window.

create table kafka_positions (
    topic     text    not null check (topic ~ '^[a-z0-9][a-z0-9._-]*$'),
    partition integer not null check (partition >= 0),
    -- Highest offset Kafka acknowledged to the relay.
    relayed   bigint,
    -- Highest offset whose record the intake has stored in push_queue (or skipped).
    queued    bigint,
    primary key (topic, partition)
);

comment on table kafka_positions is 'Relay and intake progress per partition of the Caskr change topics; see V4.';
