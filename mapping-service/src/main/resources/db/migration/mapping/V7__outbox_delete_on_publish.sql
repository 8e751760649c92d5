-- The relay deletes the rows Kafka acknowledged, in the transaction that read them (ADR 0021,
-- relay), instead of setting published_at: that mark was a non-HOT update copying the whole row
-- and left a dead version per event plus every published row for ever. The table now holds only
-- the rows still to publish, read in primary-key order, so the mark and its partial index go.
-- Rows published before this migration go first: without the mark they would be sent again.
delete from outbox_events where published_at is not null;
drop index outbox_events_unpublished_idx;
alter table outbox_events drop column published_at;
