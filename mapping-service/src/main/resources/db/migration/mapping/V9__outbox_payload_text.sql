-- The outbox payload is the event exactly as the producer's serializer wrote it, and the relay
-- sends those bytes (ADR 0021, seventh pass). As jsonb, PostgreSQL parsed every payload on insert
-- (Outbox.append has already validated the event for its topic) and rendered it back to text for
-- the relay: two conversions per event that nothing needed. Rows waiting when this runs keep
-- jsonb's rendering of their payload, which is the same JSON.
alter table outbox_events alter column payload type text using payload::text;
