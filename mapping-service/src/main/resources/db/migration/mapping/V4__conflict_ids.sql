-- Conflicts travel on sync.conflict.detected.v1 / sync.conflict.resolved.v1 under a UUID
-- (conflictId, part of the Kafka key <companyId>/<conflictId>); the identity id stays the admin
-- API's handle. A pending conflict that a newer change updates keeps its conflict_id, so consumers
-- see the newer ConflictDetected as a new version of the same conflict.
alter table crm_sync_conflicts
    add column conflict_id uuid not null default gen_random_uuid();

alter table crm_sync_conflicts
    add constraint crm_sync_conflicts_conflict_id_key unique (conflict_id);

-- The conflict queue is listed per company and entity (the admin API's filter).
create index crm_sync_conflicts_company_entity_status_time_idx
    on crm_sync_conflicts (company_id, entity, status, detected_at desc);
