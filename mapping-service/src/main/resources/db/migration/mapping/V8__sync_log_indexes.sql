-- Every applied event writes a crm_sync_logs row, and each index is written with it (ADR 0021,
-- fifth pass). Two of V1's seven served no query the services make:
-- - the event id index: nothing looks a log row up by event id (the admin API filters by entity,
--   status, operation, record ids and time); its random uuid keys dirtied a scattered page per
--   row;
-- - (company, entity, time): the company + time index serves the entity filter too (it reads the
--   company's rows newest first and skips the other entities), and the status endpoint's window.
drop index crm_sync_logs_event_idx;
drop index crm_sync_logs_company_entity_time_idx;
