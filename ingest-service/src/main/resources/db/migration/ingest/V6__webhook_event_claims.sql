-- A webhook claims its event id before it is published (one round trip instead of a check before
-- and an insert after; ADR 0023). accepted = false while the claim's change waits for Kafka: a
-- delivery that finds such a claim is told to retry (503), and a claim left behind by a crash
-- (older than ingest.webhook.claim-timeout) is taken over, so no event is refused before it was
-- published. Existing rows and Outbound Message rows were written after the Kafka ack: accepted.
alter table processed_notifications
    add column accepted boolean not null default true;
